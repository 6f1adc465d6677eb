using System.Text;
using System.Text.Json;
using Loans.Api.Http;
using Loans.Api.Orders;
using Microsoft.AspNetCore.Http;

namespace Loans.Tests.Api.Requests;

/// <summary>
/// Reading a request body: which content types are JSON (else 415), how large a body may be whether its length
/// is declared or it arrives chunked (else 413, at exactly one byte over), and the 400s for a body that is
/// empty, null or not the JSON an order is made of.
/// </summary>
public class JsonBodyTests
{
    private const int Limit = 1024;

    [Fact]
    public async Task A_well_formed_order_is_read_field_by_field_with_its_raw_bytes()
    {
        var bytes = Encoding.UTF8.GetBytes(Fixtures.LoanOrderJson);

        var result = await RequestReading.Read<LoanOrderRequest>(bytes, "application/json", Framing.ContentLength, limit: null, piece: int.MaxValue, out _);

        Assert.Null(result.Problem);
        var order = Assert.IsType<LoanOrderRequest>(result.Value);
        Assert.Equal(Customers.AnnaUuid, order.Customer!.Uuid);
        Assert.Equal(new PersonRequest("Anna", "Kowalska", "86110302148", Gender.Female, new DateOnly(1986, 11, 3), null), order.Customer.Person);
        Assert.Equal(2000m, order.Amount);
        Assert.Equal(bytes, result.Raw);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON; charset=UTF-8")]
    [InlineData("application/problem+json")]
    [InlineData("application/vnd.loans.order+json; charset=utf-8")]
    public async Task Json_in_utf8_is_read_under_any_json_media_type(string contentType)
    {
        var result = await RequestReading.Read<LoanOrderRequest>(Fixtures.LoanOrderJson, contentType);

        Assert.Null(result.Problem);
        Assert.Equal(2000m, result.Value!.Amount);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/jsonp")]
    [InlineData("json")]
    public async Task Any_other_content_type_is_415_quoting_what_was_sent(string contentType)
    {
        var problem = RequestReading.ProblemOf(await RequestReading.Read<LoanOrderRequest>(Fixtures.LoanOrderJson, contentType));

        Assert.Equal(StatusCodes.Status415UnsupportedMediaType, problem.StatusCode);
        Assert.Equal("Unsupported content type.", problem.ProblemDetails.Title);
        Assert.Equal($"Send the body as application/json (got '{contentType}').", problem.ProblemDetails.Detail);
    }

    [Fact]
    public async Task A_body_without_a_content_type_is_415_saying_none_was_sent()
    {
        var problem = RequestReading.ProblemOf(await RequestReading.Read<LoanOrderRequest>(Fixtures.LoanOrderJson, contentType: null));

        Assert.Equal(StatusCodes.Status415UnsupportedMediaType, problem.StatusCode);
        Assert.Equal("Send the body as application/json (got 'none').", problem.ProblemDetails.Detail);
    }

    [Theory]
    [InlineData(Framing.ContentLength, int.MaxValue)]
    [InlineData(Framing.Chunked, int.MaxValue)]
    [InlineData(Framing.Chunked, 100)]
    [InlineData(Framing.Chunked, 1)]
    public async Task A_body_of_exactly_the_limit_is_read(Framing framing, int piece)
    {
        var body = Padded(Fixtures.LoanOrderJson, Limit);

        var result = await RequestReading.Read<LoanOrderRequest>(body, "application/json", framing, Limit, piece, out var observed);

        Assert.Null(result.Problem);
        Assert.Equal(2000m, result.Value!.Amount);
        Assert.Equal(Limit, observed.BytesRead);
    }

    [Theory]
    [InlineData(Framing.Chunked, int.MaxValue)]
    [InlineData(Framing.Chunked, 100)]
    [InlineData(Framing.Chunked, 1)]
    public async Task A_chunked_body_one_byte_over_the_limit_is_413(Framing framing, int piece)
    {
        var body = Padded(Fixtures.LoanOrderJson, Limit + 1);

        var result = await RequestReading.Read<LoanOrderRequest>(body, "application/json", framing, Limit, piece, out _);

        AssertTooLarge(result, Limit);
    }

    [Fact]
    public async Task A_declared_length_one_byte_over_the_limit_is_413_before_any_byte_is_read()
    {
        var body = Padded(Fixtures.LoanOrderJson, Limit + 1);

        var result = await RequestReading.Read<LoanOrderRequest>(body, "application/json", Framing.ContentLength, Limit, int.MaxValue, out var observed);

        AssertTooLarge(result, Limit);
        Assert.Equal(0, observed.BytesRead);
    }

    [Fact]
    public async Task The_default_limit_is_64_KiB_and_a_body_of_that_size_arriving_in_many_reads_is_read_whole()
    {
        Assert.Equal(64 * 1024, new RequestLimits().MaxRequestBodyBytes);
        var body = Padded(Fixtures.LoanOrderJson, 64 * 1024);

        var read = await RequestReading.Read<LoanOrderRequest>(body, "application/json", Framing.Chunked, limit: null, piece: 5000, out _);
        var over = await RequestReading.Read<LoanOrderRequest>(Padded(Fixtures.LoanOrderJson, 64 * 1024 + 1), "application/json", Framing.Chunked, limit: null, piece: 5000, out _);

        Assert.Equal(body, read.Raw);
        AssertTooLarge(over, 64 * 1024);
    }

    [Theory]
    [InlineData(Framing.ContentLength)]
    [InlineData(Framing.Chunked)]
    public async Task An_empty_body_is_400_asking_for_a_json_object(Framing framing)
    {
        var result = await RequestReading.Read<LoanOrderRequest>("", framing: framing);

        Assert.Equal(["$: The request body is empty; a JSON object is required."], RequestReading.ErrorsOf(result));
    }

    [Fact]
    public async Task A_json_null_is_400_asking_for_an_object_not_null() =>
        Assert.Equal(["$: A JSON object is required, not null."], RequestReading.ErrorsOf(await RequestReading.Read<LoanOrderRequest>("null")));

    [Fact]
    public async Task The_problem_for_a_bad_body_says_in_its_detail_what_to_fix()
    {
        var problem = RequestReading.ProblemOf(await RequestReading.Read<LoanOrderRequest>("null"));

        Assert.Equal("The request is invalid.", problem.ProblemDetails.Title);
        Assert.Equal("$: A JSON object is required, not null.", problem.ProblemDetails.Detail);
    }

    private static void AssertTooLarge<T>(JsonBodyResult<T> result, int limit) where T : class
    {
        var problem = RequestReading.ProblemOf(result);
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, problem.StatusCode);
        Assert.Equal("The request body is too large.", problem.ProblemDetails.Title);
        Assert.Equal($"The body must not exceed {limit} bytes.", problem.ProblemDetails.Detail);
    }

    /// <summary>The JSON followed by spaces up to exactly <paramref name="bytes"/> bytes: still the same order.</summary>
    private static byte[] Padded(string json, int bytes)
    {
        var raw = Encoding.UTF8.GetBytes(json);
        Assert.True(raw.Length <= bytes);
        var padded = new byte[bytes];
        raw.CopyTo(padded, 0);
        padded.AsSpan(raw.Length).Fill((byte)' ');
        return padded;
    }
}
