import type { FormInstance } from 'antd';

/**
 * The form's values, or null when a field is invalid. antd already marks the invalid fields; awaiting
 * `validateFields()` directly would leave its rejection unhandled (logged as an uncaught promise rejection).
 */
export async function validValues<T>(form: FormInstance<T>): Promise<T | null> {
  try {
    return await form.validateFields();
  } catch {
    return null;
  }
}
