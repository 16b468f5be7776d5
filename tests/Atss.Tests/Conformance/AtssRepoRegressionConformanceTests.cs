using Atss.Tests.Fixtures;

namespace Atss.Tests.Conformance;

/// <summary>
/// The BOX regression targets of the ATSS paper's code (fixture family atss_repo, <c>pos_reg_targets</c>) through
/// <see cref="LegacyBoxCoder"/> on the reference's own (anchor, box) pairs, so the check is independent of assignment.
/// </summary>
public class AtssRepoRegressionConformanceTests
{
    private const string File = "atss_repo.jsonl";

    public static TheoryData<string> Cases => FixtureFile.Ids(File);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Encode_MatchesPaperCode(string id)
    {
        FixtureCase c = FixtureFile.Get(File, id);
        Assert.Equal("BOX", c.Params.GetProperty("regression_type").GetString());
        float[] weights = FixtureCase.ReadFloats(c.Params.GetProperty("box_coder_weights"));
        PriorSet priors = c.BuildPriors();
        Assert.Equal(c.PriorsSha256, FixtureCase.Sha256(priors, 0, priors.Count));
        Box[] gts = c.GtBoxes;
        (int Prior, int Gt)[] pairs = ExpectedAssignment.Pairs(c);
        Box[] anchors = [.. pairs.Select(x => priors.Boxes[x.Prior])];
        Box[] matched = [.. pairs.Select(x => gts[x.Gt])];
        var actual = new float[pairs.Length * BoxCoder.Width];
        new LegacyBoxCoder(weights[0], weights[1], weights[2], weights[3]).Encode(anchors, matched, actual);
        float[] expected = [.. c.Expected.GetProperty("pos_reg_targets").EnumerateArray().SelectMany(FixtureCase.ReadFloats)];
        ConformanceAssert.SameRows(id, expected, actual, BoxCoder.Width, [.. pairs.Select(x => x.Prior)]);
    }
}
