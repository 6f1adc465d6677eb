namespace Loans.Api.Orders;

/// <summary>
/// Checks the shape of a request: required fields present and values in range. Whether the customer is
/// trustworthy is the fraud verifier's business, not this class's: an empty name is a valid request that
/// the verifier rejects.
/// </summary>
/// <remarks>
/// Shaped so that every mutant a mutation tool makes of it still compiles: ranges are lifted comparisons on the
/// nullable values (false for null), not a variable bound by a pattern and read after <c>&amp;&amp;</c> (turned into
/// <c>||</c> it is unassigned, CS0165) nor <c>is &lt; 0 or &gt; 1</c> (turned into <c>and</c> it can never match, an
/// error); lists are walked with foreach, since a list's <c>Count</c> is taken for LINQ's and turned into <c>Sum</c>.
/// </remarks>
public static class LoanOrderValidator
{
    public const int MaxTextLength = 200;
    public const int MaxPromotions = 20;
    public const decimal MaxAmount = 100_000_000m;

    private const string Required = "Is required.";

    public static Dictionary<string, string[]> Validate(LoanOrderRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Customer is null)
        {
            errors.Add("customer", [Required]);
        }
        else
        {
            ValidateCustomer(request.Customer, "customer.", errors);
        }

        if (request.Amount <= 0 || request.Amount > MaxAmount)
        {
            errors.Add("amount", [$"Must be greater than 0 and at most {MaxAmount}."]);
        }

        if (request.InterestRate < 0 || request.InterestRate > 1)
        {
            errors.Add("interest_rate", ["Must be between 0 and 1 (0.05 means 5%)."]);
        }

        if (request.Commission < 0 || request.Commission > MaxAmount)
        {
            errors.Add("commission", [$"Must be between 0 and {MaxAmount}."]);
        }

        if (request.Promotions is not null)
        {
            ValidatePromotions(request.Promotions, errors);
        }

        return errors;
    }

    public static Dictionary<string, string[]> Validate(CustomerRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        ValidateCustomer(request, "", errors);
        return errors;
    }

    private static void ValidateCustomer(CustomerRequest customer, string prefix, Dictionary<string, string[]> errors)
    {
        if (customer.Uuid is null)
        {
            errors.Add(prefix + "uuid", [Required]);
        }

        var person = customer.Person;
        if (person is null)
        {
            errors.Add(prefix + "person", [Required]);
            return;
        }

        Text(person.Name, prefix + "person.name", errors, allowEmpty: true);
        Text(person.Surname, prefix + "person.surname", errors, allowEmpty: true);
        Text(person.NationalIdNumber, prefix + "person.national_id_number", errors, allowEmpty: true);
        if (person.Gender is null)
        {
            errors.Add(prefix + "person.gender", ["Is required: MALE or FEMALE."]);
        }

        if (person.DateOfBirth is null)
        {
            errors.Add(prefix + "person.date_of_birth", ["Is required: an ISO date such as 1986-11-03."]);
        }
    }

    private static void ValidatePromotions(IReadOnlyList<PromotionRequest?> promotions, Dictionary<string, string[]> errors)
    {
        if (promotions is { Count: > MaxPromotions })
        {
            errors.Add("promotions", [$"At most {MaxPromotions} promotions."]);
        }

        var index = 0;
        foreach (var promotion in promotions)
        {
            ValidatePromotion(promotion, $"promotions[{index++}]", errors);
        }
    }

    private static void ValidatePromotion(PromotionRequest? promotion, string field, Dictionary<string, string[]> errors)
    {
        if (promotion is null)
        {
            errors.Add(field, [Required]);
            return;
        }

        Text(promotion.Name, field + ".name", errors, allowEmpty: false);
        if (promotion.Discount is null)
        {
            errors.Add(field + ".discount", [Required]);
        }
        else if (promotion.Discount < 0 || promotion.Discount > MaxAmount)
        {
            errors.Add(field + ".discount", [$"Must be between 0 and {MaxAmount}."]);
        }
    }

    /// <summary>Each field is checked once, so it gets at most one message (Add throws on a second).</summary>
    private static void Text(string? value, string field, Dictionary<string, string[]> errors, bool allowEmpty)
    {
        if (value is null || (!allowEmpty && value.Length == 0))
        {
            errors.Add(field, [Required]);
        }
        else if (value.Length > MaxTextLength)
        {
            errors.Add(field, [$"At most {MaxTextLength} characters."]);
        }
    }
}
