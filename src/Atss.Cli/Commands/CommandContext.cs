namespace Atss.Cli.Commands;

/// <summary>Where a command writes: results to <see cref="Stdout"/>, progress and messages to <see cref="Stderr"/>.</summary>
/// <param name="Stdout">Results (tables, JSON, summaries).</param>
/// <param name="Stderr">Progress bar and diagnostics.</param>
/// <param name="StderrIsTerminal">Whether <see cref="Stderr"/> is an interactive terminal (the progress bar's default).</param>
internal sealed record CommandContext(TextWriter Stdout, TextWriter Stderr, bool StderrIsTerminal);
