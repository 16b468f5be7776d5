namespace Atss.Cli.CommandLine;

/// <summary>An output file cannot be written; exit code 3. The message says what and why.</summary>
internal sealed class OutputException : Exception
{
    public OutputException()
    {
    }

    public OutputException(string message)
        : base(message)
    {
    }

    public OutputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
