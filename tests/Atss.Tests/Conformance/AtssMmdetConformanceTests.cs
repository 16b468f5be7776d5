using System.Text.Json;
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

        float ignoreThr = c.Params.GetProperty("ignore_iof_thr").GetSingle();
        var options = AtssOptions.MmDetection with
        {
            TopK = c.Params.GetProperty("topk").GetInt32(),
            IgnoreIofThreshold = ignoreThr > 0 ? ignoreThr : null,
        };
        AssignmentResult result = new AtssAssigner(options).AssignTargets(priors, c.GtBoxes, c.GtLabels, c.IgnoreBoxes);

        // Dense reference: gt index (or -1 ignored, -2 negative in our encoding), label and IoU at positives.
        var expectedGt = new int[priors.Count];
        Array.Fill(expectedGt, AssignmentResult.Negative);
        var expectedIou = new Dictionary<int, float>();
        var expectedLabel = new Dictionary<int, int>();
        foreach (int p in c.Expected.GetProperty("ignored").EnumerateArray().Select(e => e.GetInt32()))
        {
            expectedGt[p] = AssignmentResult.Ignored;
        }

        JsonElement pos = c.Expected.GetProperty("pos");
        float[] overlaps = FixtureCase.ReadFloats(c.Expected.GetProperty("pos_max_overlaps"));
        int i = 0;
        foreach (JsonElement row in pos.EnumerateArray())
        {
            int p = row[0].GetInt32();
            expectedGt[p] = row[1].GetInt32();
            expectedLabel[p] = row[2].GetInt32();
            expectedIou[p] = overlaps[i++];
        }

        ConformanceAssert.SameAssignment(c, expectedGt, expectedLabel, expectedIou, result);
    }
}
