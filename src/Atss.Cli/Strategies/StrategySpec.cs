using Atss.Cli.CommandLine;
using Atss.Cli.Recipe;

namespace Atss.Cli.Strategies;

/// <summary>One <c>--strategy</c> item: <c>NAME</c> or <c>NAME:CONVENTION</c> (for example <c>atss:paper</c>).</summary>
/// <param name="Entry">The registered strategy.</param>
/// <param name="Convention">Its convention (the item's suffix, else <c>--convention</c>).</param>
/// <param name="ExplicitConvention">Whether the item named its convention (then the column name shows it).</param>
internal readonly record struct StrategySpec(StrategyEntry Entry, Convention Convention, bool ExplicitConvention)
{
    /// <summary>The column heading in reports: the name, with <c>:paper</c> or <c>:mmdetection</c> when given.</summary>
    public string DisplayName => ExplicitConvention ? $"{Entry.Name}:{ConventionNames.Format(Convention)}" : Entry.Name;

    /// <summary>Parses one item.</summary>
    /// <exception cref="UsageException">Unknown strategy or convention.</exception>
    public static StrategySpec Parse(string text, Convention defaultConvention)
    {
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return new StrategySpec(StrategyRegistry.Find(text.Trim()), defaultConvention, false);
        }

        StrategyEntry entry = StrategyRegistry.Find(text[..colon].Trim());
        return new StrategySpec(entry, ConventionNames.Parse(text[(colon + 1)..].Trim(), "--strategy"), true);
    }
}
