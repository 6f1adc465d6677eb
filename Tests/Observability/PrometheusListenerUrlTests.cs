using Loans.Silo.Telemetry;

namespace Loans.Tests.Observability;

public class PrometheusListenerUrlTests
{
    [Theory]
    [InlineData("http://localhost:9090/", "localhost", 9090, false)]
    [InlineData("http://127.0.0.1:9464", "127.0.0.1", 9464, false)]
    [InlineData("http://+:9090/", "+", 9090, true)]
    [InlineData("http://*:9090/", "*", 9090, true)]
    public void Accepts_a_host_and_an_explicit_port(string url, string host, int port, bool wildcard)
    {
        Assert.True(PrometheusListener.TryParse(url, out var listener));
        Assert.Equal((host, port, wildcard), (listener.Host, listener.Port, listener.IsWildcard));
    }

    [Theory]
    [InlineData("http://localhost/")]
    [InlineData("https://localhost:9090/")]
    [InlineData("http://localhost:9090/metrics")]
    [InlineData("http://localhost:70000/")]
    [InlineData("localhost:9090")]
    [InlineData("")]
    public void Rejects_anything_else(string url) => Assert.False(PrometheusListener.TryParse(url, out _));
}
