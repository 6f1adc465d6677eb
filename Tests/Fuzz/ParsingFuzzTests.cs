using System.Globalization;
using System.Text;

namespace Loans.Tests.Fuzz;

/// <summary>
/// An in-process, deterministic mutation fuzzer over the API's request parsing, validation and mapping
/// (<see cref="ParsingOracle"/>). Any exception escaping it would be a 500 in the API. CI runs 100,000
/// executions; set LOANS_FUZZ_EXECUTIONS=1000000 (and optionally LOANS_FUZZ_SEED) for a long run.
/// </summary>
public class ParsingFuzzTests
{
    [Fact]
    public void Parsing_and_validation_never_throw_on_mutated_input()
    {
        var executions = int.Parse(Environment.GetEnvironmentVariable("LOANS_FUZZ_EXECUTIONS") ?? "100000", CultureInfo.InvariantCulture);
        var seed = int.Parse(Environment.GetEnvironmentVariable("LOANS_FUZZ_SEED") ?? "1", CultureInfo.InvariantCulture);
        var mutator = new Mutator(seed);
        var corpus = new List<byte[]> { Encoding.UTF8.GetBytes(Fixtures.LoanOrderJson) };
        corpus.AddRange(MalformedCorpus.Generate(Fixtures.LoanOrderJson, 500).Where(r => r.Body is { Length: < 8192 }).Select(r => r.Body!));
        var accepted = 0;

        for (var i = 0; i < executions; i++)
        {
            var input = mutator.Mutate(corpus[mutator.Random.Next(corpus.Count)], corpus);
            try
            {
                if (ParsingOracle.Accepts(input))
                {
                    accepted++;
                    if (corpus.Count < 5_000)
                    {
                        corpus.Add(input);
                    }
                }
            }
            catch (Exception exception)
            {
                Assert.Fail($"Execution {i} (seed {seed}) threw {exception.GetType().Name}: {exception.Message}{Environment.NewLine}input (base64): {Convert.ToBase64String(input)}");
            }
        }

        Console.WriteLine($"fuzz: {executions} executions, seed {seed}, {accepted} accepted as valid orders, 0 exceptions");
        Assert.True(accepted > 0, "the mutator never produced a valid order: it is not exploring past the parser");
    }
}
