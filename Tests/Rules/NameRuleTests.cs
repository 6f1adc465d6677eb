using Loans.Grains.Verification.Rules;

namespace Loans.Tests.Rules;

public class NameRuleTests
{
    [Theory]
    [InlineData("Anna", true)]
    [InlineData("Żaneta", true)]
    [InlineData("Łucja", true)]
    [InlineData("Zoë", true)]
    [InlineData("Алёна", true)]
    [InlineData("J4n", false)]
    [InlineData("Anna-Maria", false)]
    [InlineData("Anna Maria", false)]
    [InlineData("", false)]
    [InlineData(" ", false)]
    [InlineData("Anna!", false)]
    [InlineData("😀", false)]
    public void Accepts_only_names_made_of_letters(string name, bool passes) =>
        Assert.Equal(passes, new NameRule().Passes(Customers.BornOn(new DateOnly(1990, 1, 1), name: name).Person));
}
