using System.Text.Json;

namespace Atss.Cli.Tests.Commands;

public class GenerateCommandTests
{
    [Fact]
    public void Generate_SameSeed_SameFileThatStatsReadsCompletely()
    {
        using var temp = new TempDirectory();
        string a = temp.File("a.json");
        string b = temp.File("b.json");
        CliRunner.RunOk("generate", "--images", "500", "--out", a, "--seed", "3");
        CliRunner.RunOk("generate", "--images", "500", "--out", b, "--seed", "3");
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));

        CocoOracle oracle = CocoOracle.Read(a);
        Assert.Equal(500, oracle.Images.Count);
        Assert.Contains(oracle.Images, i => i.Annotations.Any(x => x.IsCrowd));
        using JsonDocument json = StatsJson.Run("--annotations", a, "--ignore-iof", "0.5");
        JsonElement atss = json.RootElement.GetProperty("strategies")[0];
        Assert.Equal(oracle.AnnotationCount, json.RootElement.GetProperty("annotationsRead").GetInt32());
        Assert.Equal(oracle.Images.Sum(i => i.Annotations.Count(x => x.IsCrowd)), atss.GetProperty("ignoreRegions").GetInt64());
        Assert.True(atss.GetProperty("ignoredPriors").GetInt64() > 0);
        StatsJson.AssertConsistent(atss);
    }
}
