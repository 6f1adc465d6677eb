using System.Net.Sockets;
using System.Text;

namespace Loans.Tests.Security;

/// <summary>
/// A POST written straight to the socket, as an attacker's client would: it keeps sending after the server has
/// answered, and reads the answer while it sends (HttpClient gives up with "broken pipe" once the server stops reading).
/// </summary>
public static class RawHttpPost
{
    public sealed record Answer(int Status, string? ContentType, string Body);

    public static async Task<Answer> Send(Uri address, string path, string contentType, long bodyBytes, bool declareLength)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        var stream = tcp.GetStream();
        var length = declareLength ? $"Content-Length: {bodyBytes}" : "Transfer-Encoding: chunked";
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST {path} HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: {contentType}\r\n{length}\r\nConnection: close\r\n\r\n"));
        var reading = ReadAll(stream);
        var chunk = Encoding.ASCII.GetBytes(new string('a', 64 * 1024));
        try
        {
            for (long sent = 0; sent < bodyBytes && !reading.IsCompleted; sent += chunk.Length)
            {
                if (!declareLength)
                {
                    await stream.WriteAsync(Encoding.ASCII.GetBytes($"{chunk.Length:X}\r\n"));
                }

                await stream.WriteAsync(chunk);
                if (!declareLength)
                {
                    await stream.WriteAsync("\r\n"u8.ToArray());
                }
            }
        }
        catch (IOException)
        {
            // The server stopped reading: what matters is what it answered.
        }

        var response = await reading.WaitAsync(TimeSpan.FromSeconds(30));
        var headerEnd = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(headerEnd > 0, $"No complete answer: '{response}'.");
        var lines = response[..headerEnd].Split("\r\n");
        var answerType = lines.Skip(1).FirstOrDefault(l => l.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))?.Split(':', 2)[1].Trim();
        return new Answer(int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), answerType, response[(headerEnd + 4)..]);
    }

    private static async Task<string> ReadAll(NetworkStream stream)
    {
        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            // Reset after the answer: keep what arrived.
        }

        return Encoding.UTF8.GetString(received.ToArray());
    }
}
