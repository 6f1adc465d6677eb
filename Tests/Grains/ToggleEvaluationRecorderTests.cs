using Loans.Grains.Features.Exposure;
using Loans.Grains.Telemetry;
using Microsoft.Extensions.Time.Testing;

namespace Loans.Tests.Grains;

/// <summary>A silo's memory of evaluations: per-minute counts by variant over the last hour, and the last evaluation time.</summary>
public sealed class ToggleEvaluationRecorderTests : IDisposable
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 2, 8, 0, 30, TimeSpan.Zero));
    private readonly ToggleEvaluationRecorder recorder;
    private readonly string toggle = $"RECORDED_{Guid.NewGuid():N}";

    public ToggleEvaluationRecorderTests() => recorder = new ToggleEvaluationRecorder(clock);

    [Fact]
    public void Counts_what_the_evaluation_counter_records_by_variant_and_ignores_the_zero_start()
    {
        LoansTelemetry.ToggleEvaluations.Add(0, Tag(LoansTelemetry.Tags.Toggle, toggle), Tag(LoansTelemetry.Tags.Variant, "on"));
        LoansTelemetry.ToggleEvaluations.Add(1, Tag(LoansTelemetry.Tags.Toggle, toggle), Tag(LoansTelemetry.Tags.Variant, "off"));
        LoansTelemetry.ToggleEvaluations.Add(1, Tag(LoansTelemetry.Tags.Toggle, toggle), Tag(LoansTelemetry.Tags.Variant, "off"));
        LoansTelemetry.ToggleEvaluations.Add(1, Tag(LoansTelemetry.Tags.Toggle, toggle), Tag(LoansTelemetry.Tags.Variant, "percentage_in"));

        Assert.Equal(new[] { new FeatureToggleVariantCount("off", 2), new FeatureToggleVariantCount("percentage_in", 1) }, recorder.Counts(toggle));
    }

    [Fact]
    public void Keeps_an_hour_of_minutes_and_forgets_what_is_older()
    {
        recorder.Record(toggle, "on", 5);
        clock.Advance(TimeSpan.FromMinutes(30));
        recorder.Record(toggle, "on", 2);
        clock.Advance(TimeSpan.FromMinutes(29));

        var withinTheHour = recorder.Counts(toggle);
        clock.Advance(TimeSpan.FromMinutes(1));
        var firstMinuteGone = recorder.Counts(toggle);
        clock.Advance(TimeSpan.FromMinutes(30));
        var allGone = recorder.Counts(toggle);

        Assert.Equal(new[] { new FeatureToggleVariantCount("on", 7) }, withinTheHour);
        Assert.Equal(new[] { new FeatureToggleVariantCount("on", 2) }, firstMinuteGone);
        Assert.Empty(allGone);
    }

    [Fact]
    public void Reports_the_last_evaluation_time_once_until_the_toggle_is_evaluated_again()
    {
        recorder.Record(toggle, "off", 1);
        clock.Advance(TimeSpan.FromSeconds(10));
        recorder.Record(toggle, "off", 1);
        var evaluatedAt = clock.GetUtcNow();

        var first = recorder.TakeUnreported();
        var second = recorder.TakeUnreported();
        clock.Advance(TimeSpan.FromSeconds(5));
        recorder.Record(toggle, "on", 1);
        var third = recorder.TakeUnreported();

        Assert.Equal(evaluatedAt, first[toggle]);
        Assert.False(second.ContainsKey(toggle));
        Assert.Equal(evaluatedAt.AddSeconds(5), third[toggle]);
    }

    public void Dispose() => recorder.Dispose();

    private static KeyValuePair<string, object?> Tag(string key, string value) => new(key, value);
}
