using System.Diagnostics;
using System.Diagnostics.Metrics;
using Loans.Grains.Features.Evaluation;

namespace Loans.Tests.Grains;

/// <summary>
/// A verification under a SHADOW toggle, in a real (in-process) silo: the decision comes from Microsoft.FeatureManagement,
/// and a customer the new verification would reject is verified, counted and marked on the trace, as before.
/// </summary>
[Collection(ClusterCollection.Name)]
public class ShadowDecisionTelemetryTests(LoansClusterFixture fixture)
{
    [Fact]
    public async Task A_shadow_rejection_is_counted_and_marked_on_the_verification_span_with_the_evaluation_by_the_library()
    {
        var stopped = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Loans" or "Microsoft.FeatureManagement",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (stopped) { stopped.Add(activity); } },
        };
        ActivitySource.AddActivityListener(listener);
        long shadowRejections = 0;
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Loans" && instrument.Name == "loans.verification.shadow_rejections")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "toggle" && (string?)tag.Value == FeatureNames.NewVerification)
                {
                    Interlocked.Add(ref shadowRejections, value);
                }
            }
        });
        meters.Start();

        LoanOrder order;
        try
        {
            await fixture.Client.GetGrain<IFeatureToggleGrain>(FeatureNames.NewVerification).Set(new FeatureToggleChange(FeatureToggleMode.Shadow, 0, "tests"));
            // Anna passes the standard rules and fails the new one: in shadow mode she is verified, and measured.
            order = await fixture.Client.GetGrain<ILoanOrderGrain>(Guid.NewGuid()).Submit(Customers.ApplicationFor(Customers.Anna));
        }
        finally
        {
            await fixture.SwitchOff(FeatureNames.NewVerification);
        }

        Assert.Equal(LoanOrderStatus.Verified, order.Status);
        Assert.Equal(1, Interlocked.Read(ref shadowRejections));
        Activity[] spans;
        lock (stopped)
        {
            spans = [.. stopped];
        }

        var verification = Assert.Single(spans, a => a.DisplayName == "verify customer" && (string?)a.GetTagItem("feature_flag.new_verification") == ReleaseVariant.Shadow);
        var conventions = Assert.Single(verification.Events, e => e.Name == "feature_flag.evaluation").Tags.ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal(FeatureNames.NewVerification, conventions["feature_flag.key"]);
        Assert.Equal(ReleaseVariant.Shadow, conventions["feature_flag.result.variant"]);
        Assert.False((bool)conventions["feature_flag.result.value"]!);
        Assert.Equal("Microsoft.FeatureManagement", conventions["feature_flag.provider.name"]);
        var rejection = Assert.Single(verification.Events, e => e.Name == "shadow rejection");
        Assert.Equal(FeatureNames.NewVerification, (string?)rejection.Tags.Single(t => t.Key == "feature_flag.key").Value);

        // The library's own span and event, under the verification.
        var evaluation = Assert.Single(spans, a => a.DisplayName == "FeatureEvaluation" && a.ParentSpanId == verification.SpanId);
        var libraryEvent = Assert.Single(evaluation.Events, e => e.Name == "FeatureFlag").Tags.ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal(
            (FeatureNames.NewVerification, ReleaseVariant.Shadow, (bool?)false),
            ((string?)libraryEvent["FeatureName"], (string?)libraryEvent["Variant"], (bool?)libraryEvent["Enabled"]));
    }
}
