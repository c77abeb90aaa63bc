namespace CotForge.Pipeline.Tests;

/// <summary>Files bundled under TestData/ (copied next to the test assembly).</summary>
internal static class TestData
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "TestData", name);
}
