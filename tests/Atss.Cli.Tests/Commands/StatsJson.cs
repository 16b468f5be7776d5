using System.Text.Json;

namespace Atss.Cli.Tests.Commands;

/// <summary>Runs <c>atss stats --json</c> and checks the invariants every summary must satisfy.</summary>
public static class StatsJson
{
    public static readonly string[] Buckets = ["small", "medium", "large"];

    public static JsonDocument Run(params string[] args)
    {
        CliResult result = CliRunner.RunOk(["stats", "--json", "--no-progress", .. args]);
        return JsonDocument.Parse(result.Stdout);
    }

    /// <summary>Totals that must add up whatever the data: buckets to all, levels to positives, histograms to boxes.</summary>
    public static void AssertConsistent(JsonElement strategy)
    {
        long boxes = strategy.GetProperty("boxes").GetInt64();
        long positives = strategy.GetProperty("positives").GetInt64();
        JsonElement sizes = strategy.GetProperty("sizes");
        JsonElement all = sizes.GetProperty("all");
        Assert.Equal(boxes, all.GetProperty("boxes").GetInt64());
        Assert.Equal(boxes, Buckets.Sum(b => sizes.GetProperty(b).GetProperty("boxes").GetInt64()));

        // Every positive prior belongs to exactly one box.
        Assert.Equal(positives, all.GetProperty("positives").GetInt64());
        Assert.Equal(positives, Buckets.Sum(b => sizes.GetProperty(b).GetProperty("positives").GetInt64()));
        Assert.Equal(positives, strategy.GetProperty("levels").EnumerateArray().Sum(l => l.GetProperty("positives").GetInt64()));
        Assert.Equal(strategy.GetProperty("priors").GetInt64(), strategy.GetProperty("levels").EnumerateArray().Sum(l => l.GetProperty("priors").GetInt64()));
        Assert.Equal(all.GetProperty("boxesWithoutPositives").GetInt64(), strategy.GetProperty("boxesWithoutPositives").GetInt64());

        foreach (string name in (string[])[.. Buckets, "all"])
        {
            JsonElement bucket = sizes.GetProperty(name);
            long[] histogram = [.. bucket.GetProperty("positivesHistogram").EnumerateArray().Select(v => v.GetInt64())];
            Assert.Equal(bucket.GetProperty("boxes").GetInt64(), histogram.Sum());
            Assert.Equal(bucket.GetProperty("positives").GetInt64(), histogram.Select((count, n) => count * n).Sum());
            Assert.Equal(bucket.GetProperty("boxesWithoutPositives").GetInt64(), histogram.Length == 0 ? 0 : histogram[0]);
            if (histogram.Length > 0)
            {
                Assert.Equal(histogram.Length - 1, bucket.GetProperty("maxPositives").GetInt32());
            }
        }
    }
}
