using System.Text.Json.Serialization;

namespace Loans.Api.Orders;

// The HTTP shapes of a loan order. Everything a client may omit or get wrong is nullable here, so that the
// validator, not the deserializer, names each missing field.

public sealed record PersonRequest(
    string? Name,
    string? Surname,
    string? NationalIdNumber,
    Gender? Gender,
    DateOnly? DateOfBirth,
    StudentStatus? Status);

public sealed record CustomerRequest(Guid? Uuid, PersonRequest? Person);

public sealed record PromotionRequest(string? Name, decimal? Discount);

public sealed record LoanOrderRequest(
    Guid? Uuid,
    CustomerRequest? Customer,
    decimal? Amount,
    decimal? InterestRate,
    decimal? Commission,
    IReadOnlyList<PromotionRequest?>? Promotions);

public sealed record PersonResponse(string Name, string Surname, string NationalIdNumber, Gender Gender, DateOnly DateOfBirth, StudentStatus Status);

public sealed record CustomerResponse(Guid Uuid, PersonResponse Person);

public sealed record PromotionResponse(string Name, decimal Discount);

public sealed record LoanOrderResponse(
    Guid Id,
    Guid Uuid,
    CustomerResponse Customer,
    DateTimeOffset OrderDate,
    decimal Amount,
    decimal InterestRate,
    decimal Commission,
    IReadOnlyList<PromotionResponse> Promotions,
    LoanOrderStatus Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Synthetic = false);
