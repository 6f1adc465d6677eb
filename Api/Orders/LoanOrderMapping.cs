namespace Loans.Api.Orders;

/// <summary>Maps between the HTTP shapes and the grain wire types; call only on validated requests.</summary>
public static class LoanOrderMapping
{
    public static LoanApplication ToApplication(this LoanOrderRequest request, Guid orderId, bool synthetic) => new(
        Uuid: request.Uuid ?? orderId,
        Customer: request.Customer!.ToCustomer(),
        Amount: request.Amount ?? LoanApplication.DefaultAmount,
        InterestRate: request.InterestRate ?? LoanApplication.DefaultInterestRate,
        Commission: request.Commission ?? LoanApplication.DefaultCommission,
        Promotions: request.Promotions?.Select(p => new Promotion(p!.Name!, p.Discount!.Value)).ToArray() ?? [],
        Synthetic: synthetic);

    public static Customer ToCustomer(this CustomerRequest request)
    {
        var person = request.Person!;
        return new Customer(
            request.Uuid!.Value,
            new Person(person.Name!, person.Surname!, person.NationalIdNumber!, person.Gender!.Value, person.DateOfBirth!.Value, person.Status ?? StudentStatus.NotStudent));
    }

    public static LoanOrderResponse ToResponse(this LoanOrder order) => new(
        order.Id,
        order.Uuid,
        new CustomerResponse(
            order.Customer.Uuid,
            new PersonResponse(
                order.Customer.Person.Name,
                order.Customer.Person.Surname,
                order.Customer.Person.NationalIdNumber,
                order.Customer.Person.Gender,
                order.Customer.Person.DateOfBirth,
                order.Customer.Person.Status)),
        order.OrderDate,
        order.Amount,
        order.InterestRate,
        order.Commission,
        order.Promotions.Select(p => new PromotionResponse(p.Name, p.Discount)).ToArray(),
        order.Status,
        order.Synthetic);
}
