using Loans.Tests.Fuzz;
using SharpFuzz;

// AFL++ target over the API's request parsing and validation (see fuzz.sh and docs/performance.md).
// Without arguments it serves AFL's fork server; with file or folder arguments it replays those inputs once,
// which is how a crash AFL finds is reproduced.
if (args.Length == 0)
{
    Fuzzer.OutOfProcess.Run(stream =>
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        // Any exception escaping here is a crash: in the API it would have been a 500.
        ParsingOracle.Accepts(buffer.ToArray());
    });
    return 0;
}

var failures = 0;
foreach (var file in args.SelectMany(path => Directory.Exists(path) ? Directory.EnumerateFiles(path) : [path]))
{
    try
    {
        Console.WriteLine($"{(ParsingOracle.Accepts(File.ReadAllBytes(file)) ? "accepted" : "refused ")} {file}");
    }
    catch (Exception error)
    {
        failures++;
        Console.WriteLine($"CRASH    {file}: {error}");
    }
}

return failures == 0 ? 0 : 1;
