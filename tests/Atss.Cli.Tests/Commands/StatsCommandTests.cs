using System.Globalization;
using System.Text.Json;
using Atss.Cli.Recipe;
using Atss.Cli.Strategies;

namespace Atss.Cli.Tests.Commands;

public class StatsCommandTests
{
    [Fact]
    public void Run_NoArguments_PrintsTheStatisticsTablesOfTheEmbeddedSample()
    {
        CliResult result = CliRunner.RunOk();
        Assert.Contains("embedded coco-val2014-100.json", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Positives per box, by COCO size", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Positives by FPN level", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("no positive", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("ignored", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("ms per image", result.Stdout, StringComparison.Ordinal);
        Assert.Empty(result.Stderr);
    }

    [Fact]
    public void Stats_Tables_ShowTheSameTotalsAsTheJsonSummary()
    {
        string table = CliRunner.RunOk("stats").Stdout;
        using JsonDocument json = StatsJson.Run();
        JsonElement atss = json.RootElement.GetProperty("strategies")[0];
        foreach (string row in (string[])["boxes", "priors", "positives"])
        {
            string value = atss.GetProperty(row).GetInt64().ToString("N0", CultureInfo.InvariantCulture);
            Assert.Matches($@"(?m)^  {row} +{value}  ", table);
        }
    }

    [Fact]
    public void StatsJson_EmbeddedSample_TotalsAreConsistentWithTheFile()
    {
        CocoOracle oracle = CocoOracle.Embedded();
        using JsonDocument json = StatsJson.Run();
        JsonElement root = json.RootElement;
        Assert.Equal(oracle.Images.Count, root.GetProperty("images").GetInt32());
        Assert.Equal(oracle.AnnotationCount, root.GetProperty("annotationsRead").GetInt32());
        JsonElement atss = Assert.Single(root.GetProperty("strategies").EnumerateArray().ToArray());
        Assert.Equal("atss", atss.GetProperty("name").GetString());
        Assert.Equal(oracle.Images.Count, atss.GetProperty("images").GetInt32());

        // Every annotation is a target box, a crowd ignore region, or dropped by the pipeline.
        Assert.Equal(
            oracle.AnnotationCount,
            atss.GetProperty("boxes").GetInt64() + atss.GetProperty("ignoreRegions").GetInt64() + atss.GetProperty("droppedAnnotations").GetInt64());
        Assert.Equal(oracle.Images.Count(i => i.Annotations.Count == 0), atss.GetProperty("imagesWithoutBoxes").GetInt32());
        Assert.True(atss.GetProperty("positives").GetInt64() > 0);
        Assert.True(atss.GetProperty("millisecondsPerImage").GetDouble() > 0);
        StatsJson.AssertConsistent(atss);
    }

    [Fact]
    public void StatsJson_TwoStrategies_EachColumnEqualsItsSingleRun()
    {
        using JsonDocument both = StatsJson.Run("--strategy", "atss,atss:paper");
        using JsonDocument mmdet = StatsJson.Run("--strategy", "atss");
        using JsonDocument paper = StatsJson.Run("--convention", "paper");
        JsonElement[] columns = [.. both.RootElement.GetProperty("strategies").EnumerateArray()];
        Assert.Equal(["atss", "atss:paper"], columns.Select(c => c.GetProperty("name").GetString()));
        AssertSameCounts(mmdet.RootElement.GetProperty("strategies")[0], columns[0]);
        AssertSameCounts(paper.RootElement.GetProperty("strategies")[0], columns[1]);
        Assert.Equal("paper", columns[1].GetProperty("convention").GetString());
        foreach (JsonElement column in columns)
        {
            StatsJson.AssertConsistent(column);
        }
    }

    public static TheoryData<string> Conventions => new() { "mmdetection", "paper" };

    [Theory]
    [MemberData(nameof(Conventions))]
    public void StatsJson_EveryRegisteredStrategy_TotalsAreConsistent(string convention)
    {
        StrategyEntry[] entries = [.. StrategyRegistry.All];
        using JsonDocument json = StatsJson.Run("--strategy", string.Join(",", entries.Select(e => e.Name)), "--convention", convention);
        JsonElement[] columns = [.. json.RootElement.GetProperty("strategies").EnumerateArray()];
        Assert.Equal(entries.Select(e => e.Name), columns.Select(c => c.GetProperty("name").GetString()));
        for (int i = 0; i < entries.Length; i++)
        {
            JsonElement column = columns[i];
            Assert.Equal(convention, column.GetProperty("convention").GetString());
            Assert.True(column.GetProperty("positives").GetInt64() > 0, entries[i].Name);
            StatsJson.AssertConsistent(column);

            // Thresholds are averaged only for strategies that have an IoU threshold (not FCOS or TOPK).
            bool hasThreshold = entries[i].Create(new StrategyParameters(ConventionNames.Parse(convention, "test"), null, null)).HasIouThreshold;
            JsonElement threshold = column.GetProperty("sizes").GetProperty("all").GetProperty("meanThreshold");
            Assert.Equal(hasThreshold ? JsonValueKind.Number : JsonValueKind.Null, threshold.ValueKind);
        }
    }

    [Fact]
    public void Stats_TwoStrategies_PrintsSideBySideSections()
    {
        string text = CliRunner.RunOk("stats", "--strategy", "atss", "--strategy", "atss:paper").Stdout;
        foreach (string section in (string[])["Totals", "Positives per box, by COCO size", "Boxes with zero positives", "Positives by FPN level", "ignored priors", "time per image"])
        {
            Assert.Contains(section, text, StringComparison.Ordinal);
        }

        // Each side-by-side header row names both strategies.
        Assert.Matches(@"(?m)^  size +area +atss +atss:paper$", text);
        Assert.Matches(@"(?m)^  level +stride +atss +atss:paper$", text);
    }

    [Fact]
    public void StatsJson_ResizeNone_PriorsAreThoseOfTheOriginalSizesPadded()
    {
        CocoOracle oracle = CocoOracle.Embedded();
        long expected = oracle.Images.Sum(i => (long)AnchorGenerator.Atss.Generate(Pad(i.Height), Pad(i.Width)).Count);
        using JsonDocument json = StatsJson.Run("--resize", "none");
        JsonElement atss = json.RootElement.GetProperty("strategies")[0];
        Assert.Equal(expected, atss.GetProperty("priors").GetInt64());
        Assert.Equal("none", atss.GetProperty("resize").GetString());
    }

    [Fact]
    public void StatsJson_SmallerResize_FewerPriorsPerImage()
    {
        using JsonDocument standard = StatsJson.Run();
        using JsonDocument small = StatsJson.Run("--resize", "400,666");
        long standardPriors = standard.RootElement.GetProperty("strategies")[0].GetProperty("priors").GetInt64();
        long smallPriors = small.RootElement.GetProperty("strategies")[0].GetProperty("priors").GetInt64();
        Assert.True(smallPriors * 3 < standardPriors, $"{smallPriors} priors at 400x666 vs {standardPriors} at 800x1333");
    }

    [Fact]
    public void StatsJson_TopK_ChangesPositives()
    {
        using JsonDocument k9 = StatsJson.Run();
        using JsonDocument k15 = StatsJson.Run("--topk", "15");
        Assert.NotEqual(
            k9.RootElement.GetProperty("strategies")[0].GetProperty("positives").GetInt64(),
            k15.RootElement.GetProperty("strategies")[0].GetProperty("positives").GetInt64());
        Assert.Contains("k = 15", k15.RootElement.GetProperty("strategies")[0].GetProperty("assigner").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void StatsJson_CrowdBoxWithIgnoreIof_CountsTheIgnoredPriorsTheLibraryIgnores()
    {
        // One 640x480 image (padded size = original with --resize none), a target box and a crowd box.
        using var temp = new TempDirectory();
        string path = temp.Write("crowd.json", """
            {"images": [{"id": 1, "width": 640, "height": 480}],
             "annotations": [
               {"image_id": 1, "category_id": 1, "bbox": [40, 40, 120, 100], "area": 12000, "iscrowd": 0},
               {"image_id": 1, "category_id": 1, "bbox": [300, 200, 200, 150], "area": 30000, "iscrowd": 1}],
             "categories": [{"id": 1, "name": "thing"}]}
            """);
        PriorSet priors = AnchorGenerator.Atss.Generate(480, 640);
        var assigner = new AtssAssigner(AtssOptions.MmDetection with { IgnoreIofThreshold = 0.5f });
        int expectedIgnored = assigner.AssignTargets(priors, [new Box(40, 40, 160, 140)], [0], [new Box(300, 200, 500, 350)]).IgnoredCount;
        Assert.True(expectedIgnored > 0);

        using JsonDocument with = StatsJson.Run("--annotations", path, "--resize", "none", "--ignore-iof", "0.5");
        using JsonDocument without = StatsJson.Run("--annotations", path, "--resize", "none");
        using JsonDocument paper = StatsJson.Run("--annotations", path, "--resize", "none", "--ignore-iof", "0.5", "--convention", "paper");
        JsonElement w = with.RootElement.GetProperty("strategies")[0];
        Assert.Equal(expectedIgnored, w.GetProperty("ignoredPriors").GetInt64());
        Assert.Equal(1, w.GetProperty("ignoreRegions").GetInt64());
        Assert.Equal(0.5, w.GetProperty("ignoreIof").GetDouble());
        Assert.Equal(0, without.RootElement.GetProperty("strategies")[0].GetProperty("ignoredPriors").GetInt64());

        // The paper's pipeline drops crowd boxes, so nothing is ignored there.
        JsonElement p = paper.RootElement.GetProperty("strategies")[0];
        Assert.Equal(0, p.GetProperty("ignoreRegions").GetInt64());
        Assert.Equal(1, p.GetProperty("droppedAnnotations").GetInt64());
        Assert.Equal(0, p.GetProperty("ignoredPriors").GetInt64());
    }

    [Fact]
    public void Stats_ProgressForced_DrawsOneUpdatingLineOnStderr()
    {
        CliResult result = CliRunner.RunOk("stats", "--progress");
        Assert.Contains("\ratss: assigning", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("100.0%", result.Stderr, StringComparison.Ordinal);
        Assert.EndsWith(Environment.NewLine, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("atss: assigning", result.Stdout, StringComparison.Ordinal);
    }

    private static int Pad(int size) => (size + 31) / 32 * 32;

    private static void AssertSameCounts(JsonElement expected, JsonElement actual)
    {
        foreach (string name in (string[])["images", "boxes", "ignoreRegions", "droppedAnnotations", "priors", "positives", "ignoredPriors", "boxesWithoutPositives"])
        {
            Assert.Equal(expected.GetProperty(name).GetInt64(), actual.GetProperty(name).GetInt64());
        }

        Assert.Equal(expected.GetProperty("sizes").GetRawText(), actual.GetProperty("sizes").GetRawText());
        Assert.Equal(expected.GetProperty("levels").GetRawText(), actual.GetProperty("levels").GetRawText());
    }
}
