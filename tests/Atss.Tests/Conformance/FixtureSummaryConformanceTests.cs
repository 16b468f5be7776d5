using System.Security.Cryptography;
using System.Text.Json;
using Atss.Tests.Fixtures;
using Xunit.Abstractions;

namespace Atss.Tests.Conformance;

/// <summary>
/// Book-keeping over the fixture files the conformance classes cover: the files are the ones the manifest describes,
/// and the fragile priors those classes skip (fixture README section 7) are exactly the manifest's fragile cases.
/// </summary>
public class FixtureSummaryConformanceTests(ITestOutputHelper output)
{
    /// <summary>The files checked by a conformance class of this project.</summary>
    public static TheoryData<string> CoveredFiles => ["priors.jsonl", "atss_mmdet.jsonl", "atss_repo.jsonl"];

    [Theory]
    [MemberData(nameof(CoveredFiles))]
    public void FixtureFile_MatchesManifestSizeAndHash(string file)
    {
        FixtureManifest.Entry entry = FixtureManifest.Files[file];
        byte[] bytes = System.IO.File.ReadAllBytes(FixtureLocation.PathOf(file));
        Assert.Equal(entry.Bytes, bytes.LongLength);
        Assert.Equal(entry.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Equal(entry.Cases, FixtureFile.Load(file).Count);
    }

    [Fact]
    public void FragileCases_EqualManifestCounts_AndSkippedPriorsAreReported()
    {
        foreach (string file in CoveredFiles)
        {
            IReadOnlyDictionary<string, FixtureCase> cases = FixtureFile.Load(file);
            int fragileCases = 0;
            int skippedPriors = 0;
            int positives = 0;
            foreach (FixtureCase c in cases.Values)
            {
                bool flagged = c.Root.TryGetProperty("fragile", out JsonElement f) && f.GetBoolean();
                Assert.True(flagged == (c.FragilePriors.Count > 0), $"{c.Id}: 'fragile' is {flagged} but lists {c.FragilePriors.Count} fragile priors");
                if (flagged)
                {
                    fragileCases++;
                    skippedPriors += c.FragilePriors.Count;
                    output.WriteLine($"  {c.Id} ({c.Kind}): {c.FragilePriors.Count} fragile priors skipped [{string.Join(", ", ReasonsOf(c))}]");
                }

                if (c.Root.TryGetProperty("expected", out JsonElement e) && e.TryGetProperty("pos", out JsonElement pos))
                {
                    positives += pos.GetArrayLength();
                }
            }

            output.WriteLine($"{file}: {cases.Count} cases, {positives} reference positives, {fragileCases} fragile cases, {skippedPriors} fragile priors skipped");
            Assert.Equal(FixtureManifest.Files[file].FragileCases, fragileCases);
        }
    }

    private static IEnumerable<string> ReasonsOf(FixtureCase c)
        => c.Root.TryGetProperty("fragile_reasons", out JsonElement r) ? r.EnumerateArray().Select(e => e.GetString()!) : [];
}
