using Loans.Api.Http;
using Loans.Api.Orders;
using Loans.Api.Resilience;

namespace Loans.Api.Customers;

/// <summary>The seed's fraud-verifier endpoint: verifies a customer without storing anything.</summary>
public static class CustomersApi
{
    public sealed record VerificationResponse(Guid UserId, VerificationStatus Status);

    public static IEndpointRouteBuilder MapCustomersApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/customers/verify", Verify)
            .WithTags("Fraud verification")
            .Accepts<CustomerRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Run the fraud checks on a customer");
        return app;
    }

    public static async Task<Results<Ok<VerificationResponse>, ProblemHttpResult>> Verify(
        HttpRequest request, JsonBody body, IClusterClient cluster, ClusterCalls calls, CancellationToken cancellationToken)
    {
        var parsed = await body.Read<CustomerRequest>(request, cancellationToken);
        if (parsed.Value is not { } customer)
        {
            return (ProblemHttpResult)parsed.Problem!;
        }

        var errors = LoanOrderValidator.Validate(customer);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var verified = customer.ToCustomer();
        var result = await calls.Run(_ => cluster.ReferenceTo<IFraudVerifierGrain>(0).Verify(verified), cancellationToken);
        return TypedResults.Ok(new VerificationResponse(result.UserId, result.Status));
    }
}
