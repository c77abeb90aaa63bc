namespace CotForge.Llm;

/// <summary>
/// A budget limit is reached, so the call was not sent. The message says what was spent against which limit and how
/// to carry on; the pipeline stops taking new items when it sees this.
/// </summary>
public sealed class BudgetExceededException : LlmException
{
    /// <summary>Creates the error for the limit <paramref name="limitName"/> (e.g. <c>max_input_tokens</c>).</summary>
    public BudgetExceededException(string limitName, decimal limit, decimal spent)
        : base(
            LlmErrorKinds.BudgetExceeded,
            $"The LLM budget is spent: {limitName} is {Format(limit)} and {Format(spent)} has been used. "
            + "The call was not sent. Raise the budget and run again to resume; completed items are kept.")
    {
        LimitName = limitName;
        Limit = limit;
        Spent = spent;
    }

    /// <summary>The limit that was reached: <c>max_input_tokens</c>, <c>max_output_tokens</c>, <c>max_total_tokens</c> or <c>max_cost</c>.</summary>
    public string LimitName { get; }

    /// <summary>The configured value of the limit.</summary>
    public decimal Limit { get; }

    /// <summary>What had been spent against the limit when the call was refused.</summary>
    public decimal Spent { get; }

    private static string Format(decimal value) =>
        value == decimal.Truncate(value)
            ? value.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture)
            : value.ToString("#,0.####", System.Globalization.CultureInfo.InvariantCulture);
}
