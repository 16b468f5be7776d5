namespace Atss.Tests.Fixtures;

/// <summary>
/// Where the reference fixtures live: <c>$ATSS_FIXTURES</c> when set, otherwise <c>../shared/fixtures</c> relative to
/// the repository root (the folder holding Atss.sln), so the same tests run on any fixture set of this format.
/// </summary>
public static class FixtureLocation
{
    public const string EnvironmentVariable = "ATSS_FIXTURES";

    public static string Root { get; } = Resolve();

    public static string PathOf(string fileName) => Path.Combine(Root, fileName);

    private static string Resolve()
    {
        string? fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return Path.GetFullPath(fromEnv);
        }

        return Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "fixtures"));
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Atss.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Atss.sln not found above {AppContext.BaseDirectory}.");
    }
}
