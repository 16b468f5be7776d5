using System.Security.Cryptography;
using System.Text.Json;

namespace Atss.Tests.Fixtures;

/// <summary>One line of a fixture file (one reference case), with typed accessors for the common fields.</summary>
public sealed class FixtureCase
{
    private readonly JsonElement _root;

    public FixtureCase(JsonElement root)
    {
        _root = root;
        Id = root.GetProperty("id").GetString()!;
        FragilePriors = root.TryGetProperty("fragile_priors", out JsonElement f) ? [.. f.EnumerateArray().Select(e => e.GetInt32())] : [];
    }

    public string Id { get; }

    public JsonElement Root => _root;

    public string Kind => _root.TryGetProperty("kind", out JsonElement k) ? k.GetString()! : "";

    public JsonElement Params => _root.GetProperty("params");

    public JsonElement Expected => _root.GetProperty("expected");

    public HashSet<int> FragilePriors { get; }

    public Box[] GtBoxes => ReadBoxes(_root.GetProperty("gt_bboxes"));

    public int[] GtLabels => ReadInts(_root.GetProperty("gt_labels"));

    public Box[] IgnoreBoxes => _root.TryGetProperty("gt_bboxes_ignore", out JsonElement e) ? ReadBoxes(e) : [];

    public JsonElement PriorBlock => _root.GetProperty("priors");

    public string PriorsSha256 => PriorBlock.GetProperty("sha256_f32").GetString()!;

    /// <summary>Regenerates the case's priors with the library's generator named in the prior block.</summary>
    public PriorSet BuildPriors() => BuildPriors(PriorBlock);

    public static PriorSet BuildPriors(JsonElement block)
    {
        JsonElement gen = block.GetProperty("generator");
        FeatureMapSize[] sizes = [.. block.GetProperty("featmap_sizes").EnumerateArray().Select(s => new FeatureMapSize(s[0].GetInt32(), s[1].GetInt32()))];
        return CreateGenerator(gen).Generate(sizes);
    }

    public static IPriorGenerator CreateGenerator(JsonElement gen)
    {
        int[] strides = ReadInts(gen.GetProperty("strides"));
        switch (gen.GetProperty("type").GetString())
        {
            case "mmdet_anchor":
                double[] ratios = ReadDoubles(gen.GetProperty("ratios"));
                int[] baseSizes = gen.TryGetProperty("base_sizes", out JsonElement b) && b.ValueKind == JsonValueKind.Array ? ReadInts(b) : [];
                double offset = gen.TryGetProperty("center_offset", out JsonElement o) ? o.GetDouble() : 0;
                bool scaleMajor = !gen.TryGetProperty("scale_major", out JsonElement m) || m.GetBoolean();
                return gen.TryGetProperty("scales", out JsonElement scales)
                    ? new AnchorGenerator(strides, ratios, ReadDoubles(scales), baseSizes, offset, scaleMajor)
                    : AnchorGenerator.WithOctaveScales(strides, ratios, gen.GetProperty("octave_base_scale").GetDouble(), gen.GetProperty("scales_per_octave").GetInt32(), baseSizes, offset, scaleMajor);
            case "mmdet_point":
                return new PointGenerator(strides, gen.TryGetProperty("offset", out JsonElement po) ? po.GetDouble() : 0.5);
            case "atss_legacy_anchor":
                return new LegacyAnchorGenerator(ReadDoubles(gen.GetProperty("sizes")), ReadDoubles(gen.GetProperty("aspect_ratios")), strides, gen.GetProperty("octave").GetDouble(), gen.GetProperty("scales_per_octave").GetInt32());
            default:
                throw new NotSupportedException($"Unknown generator type {gen.GetProperty("type")}.");
        }
    }

    /// <summary>
    /// SHA-256 of the priors as float32 little-endian: 4 coordinates per anchor, or for points 2 (x, y), or 4 with
    /// <paramref name="withStride"/> (x, y, stride_w, stride_h).
    /// </summary>
    public static string Sha256(PriorSet priors, int firstPrior, int count, bool withStride = false)
    {
        int dims = PriorDim(priors, withStride);
        var floats = new float[count * dims];
        for (int i = 0; i < count; i++)
        {
            WritePriorRow(priors, firstPrior + i, withStride, floats.AsSpan(i * dims, dims));
        }

        var bytes = new byte[floats.Length * 4];
        Buffer.BlockCopy(floats, 0, bytes, 0, bytes.Length);
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The fixture hashes are defined over little-endian floats.");
        }

        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>Values per prior in the fixtures' layout: 4 for anchors, 2 for points, 4 for points with strides.</summary>
    public static int PriorDim(PriorSet priors, bool withStride) => priors.ArePoints && !withStride ? 2 : 4;

    /// <summary>
    /// Writes prior <paramref name="prior"/> in the fixtures' layout: <c>[x1, y1, x2, y2]</c> for anchors, <c>[x, y]</c>
    /// for points, or <c>[x, y, stride_w, stride_h]</c> for points with <paramref name="withStride"/>.
    /// </summary>
    public static void WritePriorRow(PriorSet priors, int prior, bool withStride, Span<float> row)
    {
        Box b = priors.Boxes[prior];
        row[0] = b.X1;
        row[1] = b.Y1;
        if (!priors.ArePoints)
        {
            row[2] = b.X2;
            row[3] = b.Y2;
        }
        else if (withStride)
        {
            PriorLevelGrid grid = priors.GetGrid(priors.LevelOf(prior))!.Value;
            row[2] = grid.StrideX;
            row[3] = grid.StrideY;
        }
    }

    public static Box[] ReadBoxes(JsonElement array) => [.. array.EnumerateArray().Select(r => new Box(r[0].GetSingle(), r[1].GetSingle(), r[2].GetSingle(), r[3].GetSingle()))];

    public static int[] ReadInts(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt32())];

    public static double[] ReadDoubles(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];

    public static float[] ReadFloats(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetSingle())];

    public override string ToString() => Id;
}
