namespace Atss.Cli.CommandLine;

/// <summary>The tool's exit codes (listed by <c>atss help</c>).</summary>
internal static class ExitCodes
{
    /// <summary>The command did its job.</summary>
    public const int Success = 0;

    /// <summary>An input cannot be used: the annotation file is missing or malformed, an image id or image file is not found.</summary>
    public const int InputError = 1;

    /// <summary>The command line cannot be understood: unknown command, option, strategy or a bad value.</summary>
    public const int UsageError = 2;

    /// <summary>An output file cannot be written.</summary>
    public const int OutputError = 3;

    /// <summary>An unexpected failure inside the tool (a bug: please report it with the command line).</summary>
    public const int InternalError = 70;
}
