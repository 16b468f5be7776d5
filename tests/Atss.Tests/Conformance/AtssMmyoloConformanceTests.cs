using System.Text.Json;
using Atss.Tests.Fixtures;

namespace Atss.Tests.Conformance;

/// <summary>
/// MMYOLO <c>BatchATSSAssigner</c> (fixture family atss_mmyolo, one record per image) against
/// <see cref="AtssOptions.MmYolo"/> on 5-stride square anchors, with background label 80 through
/// <see cref="DenseTargetBuilder"/> and the IoU soft scores through <see cref="QualityScores"/>.
/// </summary>
public class AtssMmyoloConformanceTests
{
    private const string File = "atss_mmyolo.jsonl";

    public static TheoryData<string> Cases => FixtureFile.Ids(File);

    [Theory]
    [MemberData(nameof(Cases))]
    public void AssignTargets_MatchesMmyolo(string id)
    {
        FixtureCase c = FixtureFile.Get(File, id);
        JsonElement p = c.Params;
        PriorSet points = c.BuildPriors();
        Assert.True(c.PriorBlock.GetProperty("generator").GetProperty("with_stride").GetBoolean());
        Assert.Equal(c.PriorsSha256, FixtureCase.Sha256(points, 0, points.Count, withStride: true));
        PriorSet priors = points.ToSquareAnchors(p.GetProperty("prior_box_scale").GetSingle());

        Box[] gts = c.GtBoxes;
        int[] labels = c.GtLabels;
        var options = AtssOptions.MmYolo with { TopK = p.GetProperty("topk").GetInt32() };
        Assert.Equal(p.GetProperty("in_gts_eps").GetSingle(), options.CenterMargin);
        AssignmentResult result = new AtssAssigner(options).AssignTargets(priors, gts, labels);
        bool withScores = p.GetProperty("with_pred_bboxes").GetBoolean();
        var expected = ExpectedAssignment.Read(c, priors.Count, withScores ? "pos_scores" : null);
        ConformanceAssert.SameAssignment(c, expected, result, compareValues: false);

        int background = p.GetProperty("num_classes").GetInt32();
        DenseTargets targets = new DenseTargetBuilder(DeltaXywhCoder.Atss, background).Build(priors, gts, labels, result);
        for (int i = 0; i < priors.Count; i++)
        {
            if (!c.FragilePriors.Contains(i))
            {
                Assert.Equal(expected.AssignedGt[i] >= 0 ? expected.Labels[i] : background, targets.Labels[i]);
            }
        }

        if (withScores)
        {
            // Unfilled prediction rows were exactly [0, 0, 0, 0] in the reference call.
            var predictions = new Box[priors.Count];
            foreach (JsonElement row in c.Root.GetProperty("pred_bboxes_sparse").EnumerateArray())
            {
                predictions[row[0].GetInt32()] = new Box(row[1].GetSingle(), row[2].GetSingle(), row[3].GetSingle(), row[4].GetSingle());
            }

            var scores = new float[priors.Count];
            QualityScores.FromPredictions(gts, result.AssignedGt, predictions, scores);
            int[] pos = [.. expected.Positives.Where(i => !c.FragilePriors.Contains(i))];
            ConformanceAssert.SameRows(id, [.. pos.Select(i => expected.Values![i])], [.. pos.Select(i => scores[i])], 1, pos);
        }
    }
}
