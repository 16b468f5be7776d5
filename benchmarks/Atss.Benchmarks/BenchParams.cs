using System.Globalization;

namespace Atss.Benchmarks;

/// <summary>
/// Parameter values, narrowed by environment variables for quick runs (BenchmarkDotNet itself has no parameter
/// filter): <c>ATSS_BENCH_QUICK=1</c> keeps one realistic scene (G = 100, A = 1, 800x1344); <c>ATSS_BENCH_GT</c>,
/// <c>ATSS_BENCH_ANCHORS</c> and <c>ATSS_BENCH_SIZE</c> (comma-separated lists) choose the values explicitly and
/// win over the quick set.
/// </summary>
internal static class BenchParams
{
    public static bool Quick => Environment.GetEnvironmentVariable("ATSS_BENCH_QUICK") == "1";

    public static IEnumerable<int> Ints(string variable, int[] all, int[] quick)
        => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } list
            ? list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray()
            : Quick ? quick : all;

    public static IEnumerable<string> Strings(string variable, string[] all, string[] quick)
        => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } list
            ? list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : Quick ? quick : all;
}
