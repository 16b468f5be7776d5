namespace Atss.Cli.CommandLine;

/// <summary>An input other than the annotation file cannot be used (an image id or image file); exit code 1. The message says what and why.</summary>
internal sealed class InputException : Exception
{
    public InputException()
    {
    }

    public InputException(string message)
        : base(message)
    {
    }

    public InputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
