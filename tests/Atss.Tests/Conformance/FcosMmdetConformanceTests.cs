using System.Collections.Immutable;
using System.Text.Json;
using Atss.Tests.Fixtures;

namespace Atss.Tests.Conformance;

/// <summary>
/// MMDetection <c>FCOSHead.get_targets</c> (fixture family fcos_mmdet) against <see cref="FcosOptions.MmDetection"/>,
/// with the l/t/r/b targets through <see cref="DistancePointCoder"/> and the centerness through <see cref="Centerness"/>.
/// </summary>
public class FcosMmdetConformanceTests
{
    private const string File = "fcos_mmdet.jsonl";

    public static TheoryData<string> Cases => FixtureFile.Ids(File);

    [Theory]
    [MemberData(nameof(Cases))]
    public void AssignTargets_MatchesMmdetection(string id)
    {
        FixtureCase c = FixtureFile.Get(File, id);
        PriorSet priors = c.BuildPriors();
        Assert.Equal(c.PriorsSha256, FixtureCase.Sha256(priors, 0, priors.Count));
        JsonElement p = c.Params;
        Assert.Equal(FixtureCase.ReadInts(p.GetProperty("strides")), Enumerable.Range(0, priors.LevelCount).Select(l => priors.GetGrid(l)!.Value.StrideX));
        var options = FcosOptions.MmDetection with
        {
            RegressRanges = [.. p.GetProperty("regress_ranges").EnumerateArray().Select(r => new SizeRange(r[0].GetSingle(), r[1].GetSingle()))],
            CenterSampling = p.GetProperty("center_sampling").GetBoolean(),
            CenterSampleRadius = p.GetProperty("center_sample_radius").GetDouble(),
        };
        Box[] gts = c.GtBoxes;
        int[] labels = c.GtLabels;
        AssignmentResult result = new FcosAssigner(options).AssignTargets(priors, gts, labels);
        var expected = ExpectedAssignment.Read(c, priors.Count, "pos_centerness");
        ConformanceAssert.SameAssignment(c, expected, result, compareValues: false);

        int background = p.GetProperty("num_classes").GetInt32();
        var coder = new DistancePointCoder(null, normalizeByStride: p.GetProperty("norm_on_bbox").GetBoolean());
        DenseTargets targets = new DenseTargetBuilder(coder, background).Build(priors, gts, labels, result);
        for (int i = 0; i < priors.Count; i++)
        {
            int eg = expected.AssignedGt[i];
            Assert.Equal(eg >= 0 ? expected.Labels[i] : background, targets.Labels[i]);
        }

        int[] pos = expected.Positives;
        float[] expectedTargets = [.. c.Expected.GetProperty("pos_bbox_targets").EnumerateArray().SelectMany(FixtureCase.ReadFloats)];
        float[] actualTargets = [.. pos.SelectMany(i => targets.RegressionTargets.AsSpan(i * BoxCoder.Width, BoxCoder.Width).ToArray())];
        ConformanceAssert.SameRows(id, expectedTargets, actualTargets, BoxCoder.Width, pos);

        // Centerness as MMDetection computes it (from the possibly normalised targets), and as the builder writes it.
        float[] expectedCenterness = [.. pos.Select(i => expected.Values![i])];
        var fromTargets = new float[pos.Length];
        Centerness.Compute(actualTargets, fromTargets);
        ConformanceAssert.SameRows(id, expectedCenterness, fromTargets, 1, pos);
        ConformanceAssert.SameRows(id, expectedCenterness, [.. pos.Select(i => targets.Centerness[i])], 1, pos);
    }
}
