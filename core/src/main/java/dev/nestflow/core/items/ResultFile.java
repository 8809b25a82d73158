package dev.nestflow.core.items;

/**
 * One object a ResultWriter puts: a result file ({@code SUCCEEDED_0.json}, ...) or the manifest.
 *
 * @param status SUCCEEDED, FAILED or PENDING for a result file; null for the manifest
 * @param key the object's full key
 * @param body the object's bytes (UTF-8)
 */
public record ResultFile(String status, String key, byte[] body) {
  public long size() {
    return body.length;
  }
}
