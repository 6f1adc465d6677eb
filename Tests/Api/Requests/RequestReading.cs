using System.Text;
using Loans.Api.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Loans.Tests.Api.Requests;

/// <summary>How the body reached the server: with a Content-Length, or chunked (no length known up front).</summary>
public enum Framing
{
    ContentLength,
    Chunked,
}

/// <summary>
/// The API's own body reader, configured as the API configures it (web JSON defaults plus <see cref="ApiJson"/>),
/// run in-process on a request built byte by byte: no server, no port.
/// </summary>
public static class RequestReading
{
    public static JsonBody Reader(int? limit = null)
    {
        var json = new JsonOptions();
        ApiJson.Configure(json.SerializerOptions);
        var limits = limit is { } bytes ? new RequestLimits { MaxRequestBodyBytes = bytes } : new RequestLimits();
        return new JsonBody(Options.Create(json), Options.Create(limits));
    }

    public static Task<JsonBodyResult<T>> Read<T>(string body, string? contentType = "application/json", Framing framing = Framing.ContentLength, int? limit = null, int piece = int.MaxValue)
        where T : class =>
        Read<T>(Encoding.UTF8.GetBytes(body), contentType, framing, limit, piece, out _);

    public static Task<JsonBodyResult<T>> Read<T>(byte[] body, string? contentType, Framing framing, int? limit, int piece, out ObservedBody observed)
        where T : class
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.ContentType = contentType;
        observed = new ObservedBody(body, piece);
        context.Request.Body = observed;
        context.Request.ContentLength = framing == Framing.ContentLength ? body.Length : null;
        return Reader(limit).Read<T>(context.Request, CancellationToken.None);
    }

    /// <summary>The problem a read ended with; fails when the body was accepted.</summary>
    public static ProblemHttpResult ProblemOf<T>(JsonBodyResult<T> result) where T : class
    {
        Assert.Null(result.Value);
        return Assert.IsType<ProblemHttpResult>(result.Problem);
    }

    /// <summary>The errors of a 400 as "field: message" lines, sorted, so a whole answer compares in one assertion.</summary>
    public static string[] ErrorsOf<T>(JsonBodyResult<T> result) where T : class
    {
        var problem = ProblemOf(result);
        Assert.Equal(StatusCodes.Status400BadRequest, problem.StatusCode);
        return Lines(Assert.IsType<HttpValidationProblemDetails>(problem.ProblemDetails).Errors);
    }

    public static string[] Lines(IDictionary<string, string[]> errors) =>
        errors.SelectMany(e => e.Value.Select(message => $"{e.Key}: {message}")).Order(StringComparer.Ordinal).ToArray();

    /// <summary>A body that hands out at most <c>piece</c> bytes per read, as a slow or chunked client does, and counts what was read.</summary>
    public sealed class ObservedBody(byte[] data, int piece) : Stream
    {
        private int position;

        public int BytesRead => position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = Math.Min(Math.Min(buffer.Length, piece), data.Length - position);
            data.AsSpan(position, n).CopyTo(buffer);
            position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush() => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
