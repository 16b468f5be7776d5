using Atss.Tests.Fixtures;
using Atss.Tests.Oracle;

namespace Atss.Tests.Conformance;

/// <summary>
/// The test oracle <see cref="ReferenceAtss"/> against the reference fixtures (atss_mmdet and atss_repo), so that the
/// differential tests compare the library with something that is itself known to match MMDetection and the paper code.
/// </summary>
public class ReferenceAtssConformanceTests
{
    public static TheoryData<string> MmdetCases => FixtureFile.Ids("atss_mmdet.jsonl");

    public static TheoryData<string> RepoCases => FixtureFile.Ids("atss_repo.jsonl");

    [Theory]
    [MemberData(nameof(MmdetCases))]
    public void Assign_MatchesMmdetection(string id)
    {
        FixtureCase c = FixtureFile.Get("atss_mmdet.jsonl", id);
        PriorSet priors = c.BuildPriors();
        AssignmentResult result = ReferenceAtss.Assign(priors, c.GtBoxes, c.GtLabels, c.IgnoreBoxes, AtssMmdetConformanceTests.OptionsFor(c));
        var expected = ExpectedAssignment.Read(c, priors.Count, "pos_max_overlaps");
        ConformanceAssert.SameAssignment(c, expected.AssignedGt, expected.Labels, expected.Values, result);
    }

    [Theory]
    [MemberData(nameof(RepoCases))]
    public void Assign_MatchesPaperCode(string id)
    {
        FixtureCase c = FixtureFile.Get("atss_repo.jsonl", id);
        PriorSet priors = c.BuildPriors();
        AssignmentResult result = ReferenceAtss.Assign(priors, c.GtBoxes, c.GtLabels, [], AtssRepoConformanceTests.OptionsFor(c));
        var expected = ExpectedAssignment.Read(c, priors.Count, "pos_ious");
        ConformanceAssert.SameAssignment(c, expected.AssignedGt, expected.Labels, expected.Values, result);
    }
}
