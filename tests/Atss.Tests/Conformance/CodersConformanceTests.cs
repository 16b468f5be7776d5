using System.Text.Json;
using Atss.Tests.Fixtures;

namespace Atss.Tests.Conformance;

/// <summary>The four box coders (fixture family coders): MMDetection DeltaXYWH and DistancePoint, the ATSS paper's BOX and POINT.</summary>
public class CodersConformanceTests
{
    private const string File = "coders.jsonl";

    public static TheoryData<string> Cases => FixtureFile.Ids(File);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Encode_MatchesReference(string id)
    {
        FixtureCase c = FixtureFile.Get(File, id);
        JsonElement root = c.Root;
        JsonElement p = c.Params;
        (BoxCoder coder, Box[] priors) = root.GetProperty("coder").GetString() switch
        {
            "mmdet_delta_xywh" => ((BoxCoder)new DeltaXywhCoder(FixtureCase.ReadFloats(p.GetProperty("target_means")), FixtureCase.ReadFloats(p.GetProperty("target_stds"))), FixtureCase.ReadBoxes(root.GetProperty("bboxes"))),
            "mmdet_distance_point" => (new DistancePointCoder(p.GetProperty("max_dis").ValueKind == JsonValueKind.Null ? null : p.GetProperty("max_dis").GetDouble(), p.GetProperty("eps").GetDouble()), ReadPoints(root.GetProperty("points"))),
            "atss_box" => (CreateLegacyBox(p), FixtureCase.ReadBoxes(root.GetProperty("anchors"))),
            "atss_point" => (new LegacyPointCoder(p.GetProperty("w").GetSingle()), FixtureCase.ReadBoxes(root.GetProperty("anchors"))),
            var other => throw new NotSupportedException(other),
        };
        Box[] gts = c.GtBoxes;
        var actual = new float[priors.Length * BoxCoder.Width];
        coder.Encode(priors, gts, actual);
        float[] expected = [.. root.GetProperty("expected").EnumerateArray().SelectMany(FixtureCase.ReadFloats)];
        ConformanceAssert.SameRows(id, expected, actual, BoxCoder.Width);
    }

    private static LegacyBoxCoder CreateLegacyBox(JsonElement p)
    {
        float[] w = FixtureCase.ReadFloats(p.GetProperty("weights"));
        return new LegacyBoxCoder(w[0], w[1], w[2], w[3]);
    }

    private static Box[] ReadPoints(JsonElement rows) => [.. rows.EnumerateArray().Select(r => new Box(r[0].GetSingle(), r[1].GetSingle(), r[0].GetSingle(), r[1].GetSingle()))];
}
