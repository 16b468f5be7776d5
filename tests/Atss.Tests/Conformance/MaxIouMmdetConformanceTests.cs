using Atss.Tests.Fixtures;

namespace Atss.Tests.Conformance;

/// <summary>MMDetection <c>MaxIoUAssigner.assign</c> (fixture family maxiou_mmdet) against <see cref="MaxIouOptions.MmDetection"/>.</summary>
public class MaxIouMmdetConformanceTests
{
    private const string File = "maxiou_mmdet.jsonl";

    public static TheoryData<string> Cases => FixtureFile.Ids(File);

    [Theory]
    [MemberData(nameof(Cases))]
    public void AssignTargets_MatchesMmdetection(string id)
    {
        FixtureCase c = FixtureFile.Get(File, id);
        PriorSet priors = c.BuildPriors();
        Assert.Equal(c.PriorsSha256, FixtureCase.Sha256(priors, 0, priors.Count));
        MaxIouOptions options = OptionsFor(c);
        Box[] gts = c.GtBoxes;
        AssignmentResult result = new MaxIouAssigner(options).AssignTargets(priors, gts, c.GtLabels, c.IgnoreBoxes);

        var expected = ExpectedAssignment.Read(c, priors.Count, "pos_max_overlaps");
        ConformanceAssert.SameAssignment(c, expected, result, compareValues: false);

        // The reference reports max_overlaps, the largest IoU over all boxes; the result holds the IoU with the
        // assigned box. Both are checked: the assigned box's IoU, and the largest over all boxes.
        foreach (int p in expected.Positives.Where(p => !c.FragilePriors.Contains(p)))
        {
            float withAssigned = Overlaps.Iou(priors.Boxes[p], gts[result.AssignedGt[p]]);
            Assert.Equal(withAssigned, result.Ious[p]);
            float largest = gts.Max(g => Overlaps.Iou(priors.Boxes[p], g));
            Assert.True(ConformanceAssert.CloseFloat(expected.Values![p], largest), $"{id}: prior {p}: expected max IoU {expected.Values![p]:R}, got {largest:R}");
        }
    }

    internal static MaxIouOptions OptionsFor(FixtureCase c)
    {
        var p = c.Params;
        float ignoreThr = p.GetProperty("ignore_iof_thr").GetSingle();
        return MaxIouOptions.MmDetection with
        {
            PositiveIouThreshold = p.GetProperty("pos_iou_thr").GetSingle(),
            NegativeIouThreshold = p.GetProperty("neg_iou_thr").GetSingle(),
            MinPositiveIou = p.GetProperty("min_pos_iou").GetSingle(),
            LowQualityMatching = !p.GetProperty("match_low_quality").GetBoolean() ? LowQualityMatching.None
                : p.GetProperty("gt_max_assign_all").GetBoolean() ? LowQualityMatching.AllPriorsAtBoxBest
                : LowQualityMatching.FirstPriorAtBoxBest,
            IgnoreIofThreshold = ignoreThr > 0 ? ignoreThr : null,
            IgnoreIofRelativeToPrior = p.GetProperty("ignore_wrt_candidates").GetBoolean(),
        };
    }
}
