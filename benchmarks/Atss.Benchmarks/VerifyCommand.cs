using System.Diagnostics;

namespace Atss.Benchmarks;

/// <summary>
/// <c>verify</c>: runs the <see cref="AssignBenchmarks"/> set-up check (Dense, Grid and General assign every prior
/// identically) for every parameter combination in one process, without timing anything. The parameter
/// environment variables of <see cref="BenchParams"/> narrow it as they narrow the benchmarks.
/// </summary>
internal static class VerifyCommand
{
    public static int Run()
    {
        int failures = 0;
        int checks = 0;
        foreach (string size in AssignBenchmarks.ImageSizeValues)
        {
            foreach (int anchors in AssignBenchmarks.AnchorsPerLocationValues)
            {
                foreach (int gtCount in AssignBenchmarks.GtCountValues)
                {
                    var bench = new AssignBenchmarks { ImageSize = size, AnchorsPerLocation = anchors, GtCount = gtCount };
                    var stopwatch = Stopwatch.StartNew();
                    checks++;
                    try
                    {
                        bench.Setup();
                        Console.WriteLine($"ok    {size,-9} A={anchors} G={gtCount,-5} ({stopwatch.Elapsed.TotalSeconds:F1} s)");
                    }
                    catch (InvalidOperationException e)
                    {
                        failures++;
                        Console.WriteLine($"FAIL  {size,-9} A={anchors} G={gtCount,-5}: {e.Message}");
                    }
                }
            }
        }

        Console.WriteLine($"verify: {checks - failures} of {checks} scenes agree (Dense skipped above {Baselines.DenseAtss.MaxPairs:N0} priors x boxes)");
        return failures == 0 ? 0 : 1;
    }
}
