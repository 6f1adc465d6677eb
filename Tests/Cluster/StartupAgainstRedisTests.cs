using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Loans.Tests.Cluster;

/// <summary>
/// A silo started before its Redis membership table waits for it (Cluster:StartupTimeout), saying what it waits
/// for, and joins the cluster once Redis answers; a Redis that never answers stops it after the window with one
/// line naming Cluster:RedisConnectionString and the address.
/// </summary>
public sealed class StartupAgainstRedisTests
{
    [SkippableFact]
    public async Task A_silo_started_ten_seconds_before_redis_joins_the_cluster_once_redis_answers()
    {
        Skip.If(RedisServer.MissingReason is not null, RedisServer.MissingReason);
        using var directory = new TemporaryDirectory("startup-late-redis");
        var redisPort = FreePort.Next();
        var httpPort = FreePort.Next();
        var sinceStart = Stopwatch.StartNew();
        await using var silo = StartSilo(directory.Path, redisPort, httpPort, startupTimeout: "00:01:30");

        // The silo must be seen waiting (a busy machine may take seconds to start the process), and Redis starts
        // no earlier than 10 s after the silo did.
        var waiting = $"Waiting for Redis at 127.0.0.1:{redisPort} (Cluster:RedisConnectionString)";
        while (!silo.Output.Contains(waiting, StringComparison.Ordinal) && !silo.HasExited && sinceStart.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(100);
        }

        Assert.True(silo.Output.Contains(waiting, StringComparison.Ordinal), $"The silo did not say it waits for Redis.{Environment.NewLine}{silo.Output}");
        if (sinceStart.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(TimeSpan.FromSeconds(10) - sinceStart.Elapsed);
        }

        Assert.False(silo.HasExited, $"The silo gave up before Redis started.{Environment.NewLine}{silo.Output}");
        await using var redis = await RedisServer.StartOn(redisPort);

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(5) };
        var joined = Stopwatch.StartNew();
        var last = "";
        while (joined.Elapsed < TimeSpan.FromSeconds(90) && !silo.HasExited)
        {
            try
            {
                using var response = await http.GetAsync("/health/ready");
                last = await response.Content.ReadAsStringAsync();
                if (response.IsSuccessStatusCode && JsonNode.Parse(last)?["checks"]?["membership"]?["data"]?["activeSilos"]?.GetValue<int>() == 1)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        Assert.Fail($"The silo did not join once Redis answered; last /health/ready: {last}{Environment.NewLine}{silo.Output}");
    }

    [SkippableFact]
    public async Task A_redis_that_never_answers_stops_the_silo_after_the_window_with_one_line_naming_the_setting_and_address()
    {
        Skip.If(RedisServer.MissingReason is not null, RedisServer.MissingReason);
        using var directory = new TemporaryDirectory("startup-no-redis");
        var redisPort = FreePort.Next();
        var started = Stopwatch.StartNew();
        await using var silo = StartSilo(directory.Path, redisPort, FreePort.Next(), startupTimeout: "00:00:03");

        await StartupFailure.AssertExitsWith(silo,
            $"Cluster:RedisConnectionString: Redis at 127.0.0.1:{redisPort} did not answer within 00:00:03",
            "The silo started, or died differently, with a Redis that never answers.");
        Assert.InRange(started.Elapsed, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(40));
        Assert.DoesNotContain("RedisConnectionException", silo.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:30:01")]
    public async Task A_startup_timeout_out_of_range_is_refused_naming_the_setting(string timeout)
    {
        using var directory = new TemporaryDirectory("startup-bad-window");
        await using var silo = StartSilo(directory.Path, FreePort.Next(), FreePort.Next(), startupTimeout: timeout);

        await StartupFailure.AssertExitsNaming(silo, "Cluster:StartupTimeout", $"The silo started with Cluster:StartupTimeout = {timeout}.");
    }

    private static LoansProcess StartSilo(string directory, int redisPort, int httpPort, string startupTimeout)
    {
        var settings = new Dictionary<string, string>(LoansCluster.FastMembership)
        {
            ["Urls"] = $"http://127.0.0.1:{httpPort}",
            ["Cluster__Membership"] = "Redis",
            ["Cluster__RedisConnectionString"] = $"127.0.0.1:{redisPort}",
            ["Cluster__StartupTimeout"] = startupTimeout,
            ["Cluster__AdvertisedIPAddress"] = "127.0.0.1",
            ["Cluster__ClusterId"] = $"loans-startup-{Guid.NewGuid():N}",
            ["Cluster__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Cluster__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Telemetry__PrometheusListenerUrl"] = $"http://127.0.0.1:{FreePort.Next()}/",
        };
        return LoansProcess.Start("Silo", "silo", directory, settings);
    }
}
