namespace Loans.Api.Orders;

/// <summary>
/// Checks the shape of a request: required fields present and values in range. Whether the customer is
/// trustworthy is the fraud verifier's business, not this class's: an empty name is a valid request that
/// the verifier rejects.
/// </summary>
public static class LoanOrderValidator
{
    public const int MaxTextLength = 200;
    public const int MaxPromotions = 20;
    public const decimal MaxAmount = 100_000_000m;

    public static Dictionary<string, string[]> Validate(LoanOrderRequest request)
    {
        var errors = new Errors();
        ValidateCustomer(request.Customer, "customer", errors);

        if (request.Amount is { } amount && (amount <= 0 || amount > MaxAmount))
        {
            errors.Add("amount", $"Must be greater than 0 and at most {MaxAmount}.");
        }

        if (request.InterestRate is { } rate && (rate < 0 || rate > 1))
        {
            errors.Add("interest_rate", "Must be between 0 and 1 (0.05 means 5%).");
        }

        if (request.Commission is { } commission && (commission < 0 || commission > MaxAmount))
        {
            errors.Add("commission", $"Must be between 0 and {MaxAmount}.");
        }

        if (request.Promotions is { } promotions)
        {
            if (promotions.Count > MaxPromotions)
            {
                errors.Add("promotions", $"At most {MaxPromotions} promotions.");
            }

            for (var i = 0; i < promotions.Count; i++)
            {
                var field = $"promotions[{i}]";
                if (promotions[i] is not { } promotion)
                {
                    errors.Add(field, "Is required.");
                    continue;
                }

                Text(promotion.Name, $"{field}.name", errors, allowEmpty: false);
                if (promotion.Discount is not { } discount)
                {
                    errors.Add($"{field}.discount", "Is required.");
                }
                else if (discount < 0 || discount > MaxAmount)
                {
                    errors.Add($"{field}.discount", $"Must be between 0 and {MaxAmount}.");
                }
            }
        }

        return errors.Result;
    }

    public static Dictionary<string, string[]> Validate(CustomerRequest request)
    {
        var errors = new Errors();
        ValidateCustomer(request, "", errors);
        return errors.Result;
    }

    private static void ValidateCustomer(CustomerRequest? customer, string prefix, Errors errors)
    {
        var at = (string field) => prefix.Length == 0 ? field : $"{prefix}.{field}";
        if (customer is null)
        {
            errors.Add(prefix.Length == 0 ? "$" : prefix, "Is required.");
            return;
        }

        if (customer.Uuid is null)
        {
            errors.Add(at("uuid"), "Is required.");
        }

        if (customer.Person is not { } person)
        {
            errors.Add(at("person"), "Is required.");
            return;
        }

        Text(person.Name, at("person.name"), errors, allowEmpty: true);
        Text(person.Surname, at("person.surname"), errors, allowEmpty: true);
        Text(person.NationalIdNumber, at("person.national_id_number"), errors, allowEmpty: true);
        if (person.Gender is null)
        {
            errors.Add(at("person.gender"), "Is required: MALE or FEMALE.");
        }

        if (person.DateOfBirth is null)
        {
            errors.Add(at("person.date_of_birth"), "Is required: an ISO date such as 1986-11-03.");
        }
    }

    private static void Text(string? value, string field, Errors errors, bool allowEmpty)
    {
        if (value is null || (!allowEmpty && value.Length == 0))
        {
            errors.Add(field, "Is required.");
        }
        else if (value.Length > MaxTextLength)
        {
            errors.Add(field, $"At most {MaxTextLength} characters.");
        }
    }

    private sealed class Errors
    {
        public Dictionary<string, string[]> Result { get; } = [];

        public void Add(string field, string message) =>
            Result[field] = Result.TryGetValue(field, out var existing) ? [.. existing, message] : [message];
    }
}
