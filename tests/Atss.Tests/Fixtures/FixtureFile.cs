using System.Collections.Concurrent;
using System.Text.Json;

namespace Atss.Tests.Fixtures;

/// <summary>Loads a fixture file once per test run and serves its cases by id (for one theory row per case).</summary>
public static class FixtureFile
{
    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, FixtureCase>> s_files = new();

    public static IReadOnlyDictionary<string, FixtureCase> Load(string fileName) => s_files.GetOrAdd(fileName, static name =>
    {
        string path = FixtureLocation.PathOf(name);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Fixture file not found: {path} (set {FixtureLocation.EnvironmentVariable} to the fixture folder).", path);
        }

        var cases = new Dictionary<string, FixtureCase>();
        foreach (string line in File.ReadLines(path))
        {
            if (line.Length == 0)
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            var c = new FixtureCase(doc.RootElement.Clone());
            cases.Add(c.Id, c);
        }

        return cases;
    });

    public static FixtureCase Get(string fileName, string id) => Load(fileName)[id];

    /// <summary>Theory data: the ids of every case in the file, in file order.</summary>
    public static TheoryData<string> Ids(string fileName)
    {
        var data = new TheoryData<string>();
        foreach (string id in Load(fileName).Keys)
        {
            data.Add(id);
        }

        return data;
    }
}
