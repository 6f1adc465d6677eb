namespace Loans.Grains.Admin;

[GenerateSerializer, Alias("Loans.AdminSessionsState")]
public sealed class AdminSessionsState
{
    [Id(0)]
    public DateTimeOffset? ValidAfter { get; set; }
}
