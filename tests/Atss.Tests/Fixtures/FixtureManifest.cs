using System.Text.Json;

namespace Atss.Tests.Fixtures;

/// <summary>The fixture set's <c>manifest.json</c>: per file its case count, fragile-case count, size and SHA-256.</summary>
public static class FixtureManifest
{
    private static readonly Lazy<IReadOnlyDictionary<string, Entry>> s_entries = new(Read);

    /// <summary>Entries by file name.</summary>
    public static IReadOnlyDictionary<string, Entry> Files => s_entries.Value;

    private static Dictionary<string, Entry> Read()
    {
        string path = FixtureLocation.PathOf("manifest.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var entries = new Dictionary<string, Entry>();
        foreach (JsonProperty file in doc.RootElement.GetProperty("files").EnumerateObject())
        {
            JsonElement e = file.Value;
            entries.Add(file.Name, new Entry(e.GetProperty("cases").GetInt32(), e.GetProperty("fragile_cases").GetInt32(), e.GetProperty("bytes").GetInt64(), e.GetProperty("sha256").GetString()!));
        }

        return entries;
    }

    /// <summary>One file's manifest entry.</summary>
    public readonly record struct Entry(int Cases, int FragileCases, long Bytes, string Sha256);
}
