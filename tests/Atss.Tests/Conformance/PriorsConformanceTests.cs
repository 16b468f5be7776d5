using System.Text.Json;
using Atss.Tests.Fixtures;

namespace Atss.Tests.Conformance;

/// <summary>
/// Prior generators (fixture file priors.jsonl) against MMDetection's <c>AnchorGenerator</c> / <c>MlvlPointGenerator</c>
/// and the paper code's <c>generate_anchors</c>: every value bit for bit (fixture README section 4).
/// </summary>
public class PriorsConformanceTests
{
    private const string File = "priors.jsonl";

    public static TheoryData<string> Cases => FixtureFile.Ids(File);

    public static TheoryData<string> CasesWithBaseAnchors
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (FixtureCase c in FixtureFile.Load(File).Values)
            {
                if (c.Root.TryGetProperty("base_anchors", out _))
                {
                    data.Add(c.Id);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generate_MatchesHashesAndLevelCounts(string id)
    {
        FixtureCase c = FixtureFile.Get(File, id);
        bool withStride = WithStride(c);
        PriorSet priors = Generate(c);

        Assert.Equal(FixtureCase.ReadInts(c.Root.GetProperty("num_level_priors")), priors.LevelCounts.ToArray());
        Assert.Equal(c.Root.GetProperty("num_priors").GetInt32(), priors.Count);
        Assert.Equal(c.Root.GetProperty("prior_dim").GetInt32(), FixtureCase.PriorDim(priors, withStride));
        Assert.Equal(c.Root.GetProperty("sha256_f32").GetString(), FixtureCase.Sha256(priors, 0, priors.Count, withStride));

        string[] perLevel = [.. c.Root.GetProperty("sha256_f32_per_level").EnumerateArray().Select(e => e.GetString()!)];
        Assert.Equal(priors.LevelCount, perLevel.Length);
        for (int l = 0; l < priors.LevelCount; l++)
        {
            Assert.True(perLevel[l] == FixtureCase.Sha256(priors, priors.LevelStart(l), priors.LevelCounts[l], withStride), $"{id}: level {l} hash differs");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generate_MatchesListedValuesBitExactly(string id)
    {
        FixtureCase c = FixtureFile.Get(File, id);
        bool withStride = WithStride(c);
        PriorSet priors = Generate(c);
        int dims = FixtureCase.PriorDim(priors, withStride);
        var actual = new float[dims];
        int compared = 0;

        if (c.Root.GetProperty("priors") is { ValueKind: JsonValueKind.Array } levels)
        {
            // Explicit rows, level by level.
            int l = 0;
            foreach (JsonElement level in levels.EnumerateArray())
            {
                int p = priors.LevelStart(l);
                Assert.Equal(priors.LevelCounts[l], level.GetArrayLength());
                foreach (JsonElement row in level.EnumerateArray())
                {
                    FixtureCase.WritePriorRow(priors, p, withStride, actual);
                    AssertBitEqual(id, p, FixtureCase.ReadFloats(row), actual);
                    p++;
                    compared++;
                }

                l++;
            }

            Assert.Equal(priors.LevelCount, l);
        }
        else
        {
            // Sampled rows: [p, v0, v1, ...].
            foreach (JsonElement row in c.Root.GetProperty("sample").EnumerateArray())
            {
                float[] values = FixtureCase.ReadFloats(row);
                int p = row[0].GetInt32();
                FixtureCase.WritePriorRow(priors, p, withStride, actual);
                AssertBitEqual(id, p, values[1..], actual);
                compared++;
            }
        }

        Assert.True(compared > 0, $"{id}: no prior values listed");
    }

    [Theory]
    [MemberData(nameof(CasesWithBaseAnchors))]
    public void BaseAnchors_MatchFixtureBitExactly(string id)
    {
        FixtureCase c = FixtureFile.Get(File, id);
        IPriorGenerator generator = FixtureCase.CreateGenerator(c.Root.GetProperty("generator"));
        JsonElement expected = c.Root.GetProperty("base_anchors");
        Assert.Equal(generator.Strides.Length, expected.GetArrayLength());
        int l = 0;
        foreach (JsonElement level in expected.EnumerateArray())
        {
            Box[] actual = generator switch
            {
                AnchorGenerator g => g.BaseAnchors(l).ToArray(),
                LegacyAnchorGenerator g => g.BaseAnchors(l).ToArray(),
                _ => throw new InvalidOperationException($"{id}: generator {generator.GetType().Name} has no base anchors"),
            };
            Box[] want = FixtureCase.ReadBoxes(level);
            Assert.Equal(want.Length, actual.Length);
            Assert.Equal(generator.AnchorsPerLocation, actual.Length);
            for (int a = 0; a < want.Length; a++)
            {
                AssertBitEqual(id, a, [want[a].X1, want[a].Y1, want[a].X2, want[a].Y2], [actual[a].X1, actual[a].Y1, actual[a].X2, actual[a].Y2]);
            }

            l++;
        }
    }

    private static PriorSet Generate(FixtureCase c)
    {
        IPriorGenerator generator = FixtureCase.CreateGenerator(c.Root.GetProperty("generator"));
        FeatureMapSize[] sizes = [.. c.Root.GetProperty("featmap_sizes").EnumerateArray().Select(s => new FeatureMapSize(s[0].GetInt32(), s[1].GetInt32()))];
        return generator.Generate(sizes);
    }

    private static bool WithStride(FixtureCase c)
        => c.Root.GetProperty("generator").TryGetProperty("with_stride", out JsonElement w) && w.GetBoolean();

    private static void AssertBitEqual(string id, int index, ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
            {
                Assert.Fail($"{id}: row {index} value {i}: expected {expected[i]:R}, got {actual[i]:R}");
            }
        }
    }
}
