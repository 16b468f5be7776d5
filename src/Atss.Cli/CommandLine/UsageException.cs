namespace Atss.Cli.CommandLine;

/// <summary>The command line cannot be understood; the message says what was wrong and what was expected.</summary>
internal sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
