using System.Collections.Immutable;
using System.Text.Json;
using Atss.Tests.Fixtures;

namespace Atss.Tests.Conformance;

/// <summary>
/// The ATSS paper's <c>prepare_targets</c> with <c>POSITIVE_TYPE</c> 'IoU', 'SSC' and 'TOPK' (fixture family
/// atss_repo_strategies) against <see cref="MaxIouOptions.OriginalPaper"/>, <see cref="FcosOptions.OriginalPaper"/> and
/// <see cref="TopKAssigner"/>, including the BOX regression targets through <see cref="DenseTargetBuilder"/>.
/// </summary>
public class AtssRepoStrategiesConformanceTests
{
    private const string File = "atss_repo_strategies.jsonl";

    public static TheoryData<string> Cases => FixtureFile.Ids(File);

    [Theory]
    [MemberData(nameof(Cases))]
    public void AssignTargets_MatchesPaperCode(string id)
    {
        FixtureCase c = FixtureFile.Get(File, id);
        PriorSet priors = c.BuildPriors();
        Assert.Equal(c.PriorsSha256, FixtureCase.Sha256(priors, 0, priors.Count));
        string type = c.Params.GetProperty("positive_type").GetString()!;
        Box[] gts = c.GtBoxes;
        int[] labels = c.GtLabels;
        AssignmentResult result = CreateAssigner(c, type).AssignTargets(priors, gts, labels);

        // SSC stores the winning area instead of an IoU; the matched box already pins it.
        var expected = ExpectedAssignment.Read(c, priors.Count, type == "SSC" ? null : "pos_ious");
        ConformanceAssert.SameAssignment(c, expected, result);

        // Dense classification targets: 0 background (labels are 1..80), -1 (weight 0) ignored.
        DenseTargets targets = new DenseTargetBuilder(new LegacyBoxCoder(), backgroundLabel: 0).Build(priors, gts, labels, result);
        for (int p = 0; p < priors.Count; p++)
        {
            if (c.FragilePriors.Contains(p))
            {
                continue;
            }

            int eg = expected.AssignedGt[p];
            Assert.Equal(eg >= 0 ? expected.Labels[p] : 0, targets.Labels[p]);
            Assert.Equal(eg == AssignmentResult.Ignored ? 0f : 1f, targets.LabelWeights[p]);
            Assert.Equal(eg >= 0 ? 1f : 0f, targets.RegressionWeights[p]);
        }

        float[] expectedRegression = [.. c.Expected.GetProperty("pos_reg_targets").EnumerateArray().SelectMany(FixtureCase.ReadFloats)];
        float[] actualRegression = [.. expected.Positives.SelectMany(p => targets.RegressionTargets.AsSpan(p * BoxCoder.Width, BoxCoder.Width).ToArray())];
        ConformanceAssert.SameRows(id, expectedRegression, actualRegression, BoxCoder.Width, expected.Positives, c.FragilePriors);
    }

    private static PriorAssigner CreateAssigner(FixtureCase c, string type)
    {
        JsonElement p = c.Params;
        switch (type)
        {
            case "IoU":
                Assert.True(p.GetProperty("allow_low_quality_matches").GetBoolean());
                return new MaxIouAssigner(MaxIouOptions.OriginalPaper with
                {
                    PositiveIouThreshold = p.GetProperty("fg_iou_threshold").GetSingle(),
                    NegativeIouThreshold = p.GetProperty("bg_iou_threshold").GetSingle(),
                });
            case "SSC":
                ImmutableArray<SizeRange> ranges = [.. p.GetProperty("object_sizes_of_interest").EnumerateArray().Select(r => new SizeRange(r[0].GetSingle(), r[1].GetSingle()))];
                return new FcosAssigner(FcosOptions.OriginalPaper with { RegressRanges = ranges });
            case "TOPK":
                return new TopKAssigner(TopKOptions.OriginalPaper with { TopK = p.GetProperty("topk").GetInt32() });
            default:
                throw new NotSupportedException($"positive_type {type}");
        }
    }
}
