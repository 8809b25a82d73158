package dev.nestflow.core.items;

import dev.nestflow.core.errors.ErrorNames;
import dev.nestflow.core.errors.StatesException;

/**
 * The two errors a Distributed Map's data plane raises, named as AWS names them; a Map state's
 * Retry and Catch see them like any other error.
 */
public final class ItemErrors {
  private ItemErrors() {}

  /** {@code States.ItemReaderFailed}: the items could not be read (missing object, bad format, too big). */
  public static StatesException readerFailed(String cause) {
    return new StatesException(ErrorNames.ITEM_READER_FAILED, cause);
  }

  /** {@code States.ResultWriterFailed}: the results could not be written (bucket missing, access denied). */
  public static StatesException writerFailed(String cause) {
    return new StatesException(ErrorNames.RESULT_WRITER_FAILED, cause);
  }
}
