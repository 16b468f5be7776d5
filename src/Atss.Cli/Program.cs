namespace Atss.Cli;

public static class Program
{
    public static int Main()
    {
        Console.WriteLine("atss demo (placeholder)");
        return 0;
    }
}
