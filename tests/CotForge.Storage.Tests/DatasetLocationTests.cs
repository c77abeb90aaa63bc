namespace CotForge.Storage.Tests;

public sealed class DatasetLocationTests
{
    [Fact]
    public void Create_PlainNames_CombinesUnderAbsoluteBase()
    {
        var location = DatasetLocation.Create("data", "gsm8k", "beam_search");

        Assert.True(Path.IsPathRooted(location.BaseDirectory));
        Assert.Equal(Path.Combine(location.BaseDirectory, "gsm8k", "beam_search"), location.DirectoryPath);
        Assert.Equal("gsm8k", location.DatasetName);
        Assert.Equal("beam_search", location.SearchName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("/etc")]
    [InlineData("C:")]
    [InlineData("x..y")]
    [InlineData("tab\there")]
    [InlineData("new\nline")]
    [InlineData("nul\0byte")]
    [InlineData("bell\u0007")]
    [InlineData(" padded")]
    public void Create_HostileDatasetName_ThrowsArgumentExceptionNamingTheParameter(string name)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => DatasetLocation.Create("data", name, "naive_linear_search"));

        Assert.Equal("datasetName", error.ParamName);
        Assert.Contains("dataset name", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("..")]
    [InlineData("beam/../..")]
    [InlineData("\u001b[31m")]
    public void Create_HostileSearchName_ThrowsArgumentException(string name)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => DatasetLocation.Create("data", "gsm8k", name));

        Assert.Equal("searchName", error.ParamName);
    }

    [Fact]
    public void Create_UnicodeName_IsAccepted()
    {
        var location = DatasetLocation.Create("data", "médecine-ü_1", "naive_linear_search");

        Assert.EndsWith(Path.Combine("médecine-ü_1", "naive_linear_search"), location.DirectoryPath, StringComparison.Ordinal);
    }
}
