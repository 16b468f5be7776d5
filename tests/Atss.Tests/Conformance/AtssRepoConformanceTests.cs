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
        AssignmentResult result = new AtssAssigner(OptionsFor(c)).AssignTargets(priors, c.GtBoxes, c.GtLabels);

        // The paper code has no ignore state: background everywhere except the listed positives.
        var expected = ExpectedAssignment.Read(c, priors.Count, "pos_ious");
        Assert.Equal(c.Expected.GetProperty("num_gts").GetInt32(), result.GtStatistics.Length);
        ConformanceAssert.SameAssignment(c, expected.AssignedGt, expected.Labels, expected.Values, result);
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

    /// <summary>The paper code's settings for a case: <see cref="AtssOptions.OriginalPaper"/> with its <c>topk</c>.</summary>
    internal static AtssOptions OptionsFor(FixtureCase c) => AtssOptions.OriginalPaper with { TopK = c.Params.GetProperty("topk").GetInt32() };
}
