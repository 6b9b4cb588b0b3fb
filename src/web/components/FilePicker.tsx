import { Button, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';

interface Props {
  id?: string;
  value?: UploadFile[];
  onChange?: (files: UploadFile[]) => void;
  accept: string;
  multiple?: boolean;
  label: string;
}

/** Picks files to send with the form; nothing is uploaded until the form is submitted. */
export default function FilePicker({ id, value, onChange, accept, multiple, label }: Props) {
  return (
    <Upload
      accept={accept}
      multiple={multiple}
      maxCount={multiple ? 5 : 1}
      fileList={value ?? []}
      beforeUpload={() => false}
      onChange={({ fileList }) => onChange?.(fileList)}
    >
      <Button id={id} icon={<UploadOutlined />}>
        {label}
      </Button>
    </Upload>
  );
}

export function appendFiles(form: FormData, name: string, files: UploadFile[] | undefined): void {
  for (const f of files ?? []) if (f.originFileObj) form.append(name, f.originFileObj, f.name);
}
