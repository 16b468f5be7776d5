using Atss.Tests.Fixtures;

namespace Atss.Tests.Conformance;

/// <summary>MMDetection <c>ATSSAssigner.assign</c> (fixture family atss_mmdet) against <see cref="AtssOptions.MmDetection"/>.</summary>
public class AtssMmdetConformanceTests
{
    private const string File = "atss_mmdet.jsonl";

    public static TheoryData<string> Cases => FixtureFile.Ids(File);

    [Theory]
    [MemberData(nameof(Cases))]
    public void AssignTargets_MatchesMmdetection(string id)
    {
        FixtureCase c = FixtureFile.Get(File, id);
        PriorSet priors = c.BuildPriors();
        Assert.Equal(c.PriorsSha256, FixtureCase.Sha256(priors, 0, priors.Count));

        AssignmentResult result = new AtssAssigner(OptionsFor(c)).AssignTargets(priors, c.GtBoxes, c.GtLabels, c.IgnoreBoxes);

        var expected = ExpectedAssignment.Read(c, priors.Count, "pos_max_overlaps");
        ConformanceAssert.SameAssignment(c, expected.AssignedGt, expected.Labels, expected.Values, result);
    }

    /// <summary>MMDetection's settings for a case: its <c>topk</c>, and ignore regions only when <c>ignore_iof_thr &gt; 0</c>.</summary>
    internal static AtssOptions OptionsFor(FixtureCase c)
    {
        float ignoreThr = c.Params.GetProperty("ignore_iof_thr").GetSingle();
        return AtssOptions.MmDetection with
        {
            TopK = c.Params.GetProperty("topk").GetInt32(),
            IgnoreIofThreshold = ignoreThr > 0 ? ignoreThr : null,
        };
    }
}
