package dev.nestflow.core.states;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The fields that many state types share. Path fields keep the JSON form they had in the
 * definition: Java {@code null} when absent, {@code NullNode} when set to JSON null, a text node
 * otherwise; template fields (Parameters, Arguments, Output, Assign...) are kept as written.
 */
public record StateCommon(
    String name,
    QueryLanguage queryLanguage,
    String comment,
    JsonNode inputPath,
    JsonNode outputPath,
    JsonNode resultPath,
    JsonNode parameters,
    JsonNode resultSelector,
    JsonNode arguments,
    JsonNode output,
    JsonNode assign,
    String next,
    boolean end,
    List<Retrier> retry,
    List<Catcher> catchers) {}
