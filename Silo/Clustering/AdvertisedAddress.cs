using System.Net;
using System.Net.Sockets;

namespace Loans.Silo.Clustering;

/// <summary>The address other silos and clients use to reach this one.</summary>
internal static class AdvertisedAddress
{
    public static IPAddress Resolve(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return IPAddress.Parse(configured);
        }

        try
        {
            // In a container the host name resolves to the container's own address on its network.
            return Dns.GetHostAddresses(Dns.GetHostName())
                .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? IPAddress.Loopback;
        }
        catch (SocketException)
        {
            return IPAddress.Loopback;
        }
    }
}
