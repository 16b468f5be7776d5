using System.Text.Json;
using Atss.Tests.Fixtures;

namespace Atss.Tests.Conformance;

/// <summary>
/// The paper code's <c>prepare_targets</c> with <c>POSITIVE_TYPE='ATSS'</c> (fixture family atss_repo) against
/// <see cref="AtssOptions.OriginalPaper"/>: legacy +1 IoU and <c>TOPK x A</c> candidates per level. The BOX regression
/// targets of the same fixtures are the box coders' business and are not checked here.
/// </summary>
public class AtssRepoConformanceTests
{
    private const string File = "atss_repo.jsonl";

    public static TheoryData<string> Cases => FixtureFile.Ids(File);

    [Theory]
    [MemberData(nameof(Cases))]
    public void AssignTargets_MatchesPaperCode(string id)
    {
        FixtureCase c = FixtureFile.Get(File, id);
        PriorSet priors = c.BuildPriors();
        Assert.Equal(c.PriorsSha256, FixtureCase.Sha256(priors, 0, priors.Count));

        int topK = c.Params.GetProperty("topk").GetInt32();
        Assert.Equal(c.Params.GetProperty("anchors_per_location").GetInt32(), priors.AnchorsPerLocation);
        Assert.Equal(c.Params.GetProperty("effective_topk").GetInt32(), topK * priors.AnchorsPerLocation);
        var options = AtssOptions.OriginalPaper with { TopK = topK };
        AssignmentResult result = new AtssAssigner(options).AssignTargets(priors, c.GtBoxes, c.GtLabels);

        // Dense reference: background everywhere except the listed positives (the paper code has no ignore state).
        var expectedGt = new int[priors.Count];
        Array.Fill(expectedGt, AssignmentResult.Negative);
        var expectedLabel = new Dictionary<int, int>();
        var expectedIou = new Dictionary<int, float>();
        float[] ious = FixtureCase.ReadFloats(c.Expected.GetProperty("pos_ious"));
        int i = 0;
        foreach (JsonElement row in c.Expected.GetProperty("pos").EnumerateArray())
        {
            int p = row[0].GetInt32();
            expectedGt[p] = row[1].GetInt32();
            expectedLabel[p] = row[2].GetInt32();
            expectedIou[p] = ious[i++];
        }

        Assert.Equal(c.Expected.GetProperty("num_gts").GetInt32(), result.GtStatistics.Length);
        Assert.Equal(c.Expected.GetProperty("num_pos").GetInt32(), i);
        ConformanceAssert.SameAssignment(c, expectedGt, expectedLabel, expectedIou, result);
    }

    /// <summary>
    /// The paper code crashes on an image without boxes (fixture README 5.2), so the library defines it: every prior is
    /// negative, as MMDetection does.
    /// </summary>
    [Fact]
    public void AssignTargets_ImageWithoutBoxes_AllNegative()
    {
        FixtureCase c = FixtureFile.Load(File).Values.First();
        PriorSet priors = c.BuildPriors();
        AssignmentResult result = new AtssAssigner(AtssOptions.OriginalPaper).AssignTargets(priors, [], []);

        Assert.Equal(priors.Count, result.PriorCount);
        Assert.All(result.AssignedGt, g => Assert.Equal(AssignmentResult.Negative, g));
        Assert.All(result.Labels, l => Assert.Equal(AssignmentResult.NoLabel, l));
        Assert.All(result.Ious, v => Assert.Equal(0f, v));
        Assert.Empty(result.PositiveIndices);
        Assert.Empty(result.GtStatistics);
    }
}
