namespace Loans.Tests.Infrastructure;

/// <summary>A clock that says what the test tells it to; Microsoft's FakeTimeProvider, named for our use.</summary>
public static class FixedClock
{
    public static Microsoft.Extensions.Time.Testing.FakeTimeProvider At(int year, int month, int day) =>
        new(new DateTimeOffset(year, month, day, 12, 0, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.Zero };
}
