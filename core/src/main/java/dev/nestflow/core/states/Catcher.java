package dev.nestflow.core.states;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** One entry of a state's Catch field. */
public record Catcher(
    List<String> errorEquals, String next, JsonNode resultPath, JsonNode output, JsonNode assign) {}
